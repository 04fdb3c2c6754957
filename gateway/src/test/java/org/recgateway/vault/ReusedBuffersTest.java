package org.recgateway.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.recording.AudioVault;
import org.recgateway.store.JdbcDataKeys;
import org.recgateway.store.JdbcRecordingStore;

/**
 * Sealing reads through 64 KB buffers reused from one filing to the next (issue 13: allocated afresh they were a fifth
 * of the gateway's allocation), and a reused buffer leaves nothing of the last recording in the next one.
 */
class ReusedBuffersTest {
    @TempDir
    Path dir;
    private JdbcRecordingStore store;

    @BeforeEach
    void open() {
        store = JdbcRecordingStore.open(dir.resolve("data/recordings.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aGivenBufferIsTakenAgainClearedAndAtMostKeptAreKept() {
        ReusedBuffers buffers = new ReusedBuffers();
        ByteBuffer first = buffers.take();
        assertEquals(ReusedBuffers.SIZE, first.capacity());
        first.put(new byte[100]).flip();
        buffers.give(first);
        ByteBuffer again = buffers.take();
        assertSame(first, again, "the given buffer is reused");
        assertEquals(0, again.position());
        assertEquals(ReusedBuffers.SIZE, again.limit());
        for (int i = 0; i < ReusedBuffers.KEPT + 5; i++) {
            buffers.give(ByteBuffer.allocate(ReusedBuffers.SIZE));
        }
        assertEquals(ReusedBuffers.KEPT, buffers.kept());
    }

    @Test
    void sealingALongThenAShortRecordingKeepsEachExactlyWithTheBuffersReused() throws Exception {
        TinkAudioVault vault = TinkAudioVault.open(dir.resolve("keys/master-key.json"), JdbcDataKeys.of(store));
        // long first (several buffers' worth, its tail left in the reused buffers), then a short one shorter than a
        // buffer, then one of exactly a buffer: each must read back as its own bytes and hash
        int[] sizes = {5 * ReusedBuffers.SIZE + 1234, 777, ReusedBuffers.SIZE};
        Random random = new Random(13);
        for (int i = 0; i < sizes.length; i++) {
            String id = "0f8fad5b-d9cb-469f-a165-70867728950" + i;
            byte[] audio = new byte[sizes[i]];
            random.nextBytes(audio);
            Path plain = Files.write(dir.resolve(id + ".wav"), audio);
            AudioVault.Kept kept = vault.seal(id, plain, audio.length);
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(audio)), kept.sha256());
            assertEquals(new TinkAudioVault.Digest(audio.length, kept.sha256()), vault.digest(id, kept.file()));
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            try (SeekableByteChannel in = vault.open(id, kept.file())) {
                Channels.newInputStream(in).transferTo(back);
            }
            assertArrayEquals(audio, back.toByteArray(), "recording " + i + " reads back as itself");
        }
        assertTrue(SealedFiles.BUFFERS.kept() >= 1, "the buffers went back for reuse");
    }
}
