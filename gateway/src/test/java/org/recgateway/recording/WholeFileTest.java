package org.recgateway.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.testing.InMemoryRecordingStore;

/** Whether an ended recording's file is whole: closed, when it ended, and not shorter than its call. */
class WholeFileTest {
    private static final Instant STARTED = Instant.parse("2026-11-29T10:00:00Z");
    private static final Instant NOW = STARTED.plusSeconds(600);

    @TempDir
    Path dir;

    private final InMemoryRecordingStore store = new InMemoryRecordingStore();
    private final WholeFile wholeFile = new WholeFile(store, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMillis(5));

    private Recording recording(String id, Path file) {
        Recording r = Recording.active(id, new RecordedCall("1." + id, "1.0", "PJSIP/x-1", "0611", "1001"),
                new Evidence("default", null, null),
                new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, Duration.ofDays(30), null, List.of()),
                file.toString(), STARTED);
        store.insert(r);
        return r;
    }

    private Path wav(String name, long audioSeconds) throws IOException {
        return Files.write(dir.resolve(name), new byte[(int) (WholeFile.HEADER_ONLY_BYTES + audioSeconds * 16_000)]);
    }

    @Test
    void theEndIsTheHangupAsteriskReportedElseTheFilesLastWrite() throws IOException {
        Path file = wav("a.wav", 1);
        Files.setLastModifiedTime(file, FileTime.from(STARTED.plusSeconds(90)));
        Recording r = recording("a", file);
        assertEquals(STARTED.plusSeconds(120), wholeFile.endedAt(r, file, STARTED.plusSeconds(120)));
        assertEquals(STARTED.plusSeconds(90), wholeFile.endedAt(r, file, null));
    }

    @Test
    void theEndIsNeverBeforeTheStartNorAfterNow() throws IOException {
        Path file = wav("b.wav", 1);
        Recording r = recording("b", file);
        assertEquals(STARTED, wholeFile.endedAt(r, file, STARTED.minusSeconds(30)), "a clock skewed backwards");
        assertEquals(NOW, wholeFile.endedAt(r, file, NOW.plusSeconds(30)), "a hangup reported from the future");
        Files.setLastModifiedTime(file, FileTime.from(STARTED.minusSeconds(5)));
        assertEquals(STARTED, wholeFile.endedAt(r, file, null));
    }

    @Test
    void aFileWithLessThanHalfItsCallsAudioIsShortAndSaysByHowMuch() throws IOException {
        Path file = wav("c.wav", 20);
        Recording r = recording("c", file);
        long size = Files.size(file);
        assertEquals(Optional.of("the file holds 20 s of audio for a call of 60 s (" + size + " bytes)"),
                wholeFile.shortBy(r, file, size, STARTED.plusSeconds(60)));
        assertEquals(Optional.empty(), wholeFile.shortBy(r, file, size, STARTED.plusSeconds(40)), "half the call is whole enough");
    }

    @Test
    void theCallIsCountedFromItsBridgeWhenItWasBridged() throws IOException {
        Path file = wav("d.wav", 20);
        Recording r = recording("d", file);
        long size = Files.size(file);
        store.bridged("d", STARTED.plusSeconds(30));  // 30 s of ringing and notice before the parties met
        assertEquals(Optional.empty(), wholeFile.shortBy(r, file, size, STARTED.plusSeconds(60)));
    }

    @Test
    void shortCallsAndFormatsOfUnknownRateAreNotJudged() throws IOException {
        Path empty = wav("e.wav", 0);
        Recording r = recording("e", empty);
        assertEquals(Optional.empty(), wholeFile.shortBy(r, empty, Files.size(empty),
                STARTED.plusSeconds(WholeFile.MIN_CHECKED_SECONDS).minusMillis(1)));
        assertEquals(Optional.of("the file holds 0 s of audio for a call of 5 s (44 bytes)"),
                wholeFile.shortBy(r, empty, Files.size(empty), STARTED.plusSeconds(WholeFile.MIN_CHECKED_SECONDS)));
        Path raw = Files.write(dir.resolve("f.raw"), new byte[100]);
        assertEquals(Optional.empty(), wholeFile.shortBy(recording("f", raw), raw, 100, STARTED.plusSeconds(600)));
    }

    @Test
    void gsmIsJudgedAtItsOwnByteRate() throws IOException {
        Path gsm = Files.write(dir.resolve("g.gsm"), new byte[1_650 * 50]);
        Recording r = recording("g", gsm);
        assertEquals(Optional.empty(), wholeFile.shortBy(r, gsm, Files.size(gsm), STARTED.plusSeconds(60)));
        assertEquals(Optional.of("the file holds 49 s of audio for a call of 120 s (82500 bytes)"),
                wholeFile.shortBy(r, gsm, Files.size(gsm), STARTED.plusSeconds(120)));
    }

    @Test
    void aSettledFileHasItsSizeAndAMissingOneMinusOne() throws IOException {
        Path file = wav("h.wav", 1);
        assertEquals(Files.size(file), wholeFile.settledSize(file));
        assertEquals(-1, wholeFile.settledSize(dir.resolve("missing.wav")));
    }

    @Test
    void onlyAHeaderHoldsNoAudio() {
        assertEquals(true, WholeFile.holdsNoAudio(0));
        assertEquals(true, WholeFile.holdsNoAudio(WholeFile.HEADER_ONLY_BYTES));
        assertEquals(false, WholeFile.holdsNoAudio(WholeFile.HEADER_ONLY_BYTES + 1));
    }

    @Test
    void aFileThatCannotBeReadHasNoEndTimeOfItsOwn() {
        Path missing = dir.resolve("gone.wav");
        Recording r = recording("i", missing);
        assertThrows(IOException.class, () -> wholeFile.endedAt(r, missing, null));
    }
}
