package org.recgateway.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.prompts.NoticePrompt;

class ReadinessTest {
    @TempDir
    Path dir;

    private static NoticePrompt prompt(String id, String language) {
        return new NoticePrompt(id, language, 1, "text", "a".repeat(64), "b".repeat(64), 8000,
                "recording-gateway/" + language + "/" + id, org.recgateway.prompts.PromptRole.NOTICE, List.of("quality"), "will",
                List.of(), false, java.util.Map.of("wav", "b".repeat(64)));
    }

    @Test
    void promptsAreReadyOnlyWhenEveryFileIsInAsterisksSoundsDirectoryWithTheSameSize() throws Exception {
        Path library = Files.createDirectories(dir.resolve("library/nl"));
        Files.write(library.resolve("notice-quality.wav"), new byte[100]);
        Files.write(library.resolve("notice-quality.alaw"), new byte[50]);
        Path asterisk = dir.resolve("asterisk");
        PromptsInstalled check = new PromptsInstalled(List.of(prompt("notice-quality", "nl")), dir.resolve("library"), asterisk);

        assertTrue(check.problem().orElseThrow().startsWith("2 prompt files missing"), check.problem().toString());

        Path installed = Files.createDirectories(asterisk.resolve("recording-gateway/nl"));
        Files.write(installed.resolve("notice-quality.wav"), new byte[100]);
        Files.write(installed.resolve("notice-quality.alaw"), new byte[49]);
        assertTrue(check.problem().orElseThrow().contains("notice-quality.alaw"), "a truncated copy is not the prompt");

        Files.write(installed.resolve("notice-quality.alaw"), new byte[50]);
        assertEquals(Optional.empty(), check.problem());
    }

    @Test
    void theDiskFloorNamesTheFreeSpaceAndTheFloor() throws Exception {
        assertEquals(Optional.empty(), new DiskFloor(dir, 0).problem());
        String problem = new DiskFloor(dir, Long.MAX_VALUE).problem().orElseThrow();
        assertTrue(problem.contains("below the floor") && problem.contains("recordings.minFreeMegabytes"), problem);
    }

    @Test
    void everyFailingCheckIsNamedAndAThrowingCheckCountsAsNotReady() {
        Readiness readiness = new Readiness(List.of(
                new Readiness.Named("ok", Optional::empty),
                new Readiness.Named("ami", () -> Optional.of("not logged in")),
                new Readiness.Named("store-writable", () -> {
                    throw new IllegalStateException("database or disk is full");
                })));
        assertEquals(List.of("ami: not logged in", "store-writable: database or disk is full"), readiness.problems());
    }
}
