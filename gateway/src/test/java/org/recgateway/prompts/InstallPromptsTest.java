package org.recgateway.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/install-prompts.sh, run for real: it installs where Asterisk looks for sounds, which it asks the
 * running Asterisk for ("Data directory" of {@code core show settings}), else Debian's /usr/share/asterisk/sounds.
 */
class InstallPromptsTest {
    private static final Path SCRIPT = Path.of("").toAbsolutePath().getParent().resolve("deploy/install-prompts.sh");

    @TempDir
    Path dir;

    /** A stand-in for the asterisk command that prints what Asterisk 22 prints, with {@code dataDir}. */
    private Path fakeAsterisk(String dataDir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path asterisk = bin.resolve("asterisk");
        Files.writeString(asterisk, "#!/bin/sh\n[ \"$1 $2\" = \"-rx core show settings\" ] || exit 1\n"
                + "printf 'PBX Core settings\\n-----------------\\n  Version:                     22.10.1\\n"
                + "  Data directory:              " + dataDir + "\\n  Log directory:               /var/log/asterisk\\n'\n");
        Files.setPosixFilePermissions(asterisk, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private record Run(int status, String output) { }

    private static Run run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out);
    }

    @Test
    void withoutAnArgumentItInstallsIntoTheDataDirectoryTheRunningAsteriskNames() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("sounds"));
        Path bin = fakeAsterisk(data.toString());

        Run run = run(Map.of("PATH", bin + ":" + System.getenv("PATH")));

        assertEquals(0, run.status(), run.output());
        Path installed = data.resolve("sounds/recording-gateway/nl/notice-quality-will.wav");
        Path source = SCRIPT.getParent().getParent().resolve("notice-prompts/sounds/nl/notice-quality-will.wav");
        assertTrue(Files.exists(installed), run.output());
        assertEquals(-1L, Files.mismatch(source, installed));
        assertTrue(Files.exists(data.resolve("sounds/recording-gateway/manifest.json")));
    }

    @Test
    void withoutARunningAsteriskItNamesDebiansSoundsDirectory() throws Exception {
        Run run = run(Map.of("ASTERISK_CLI", dir.resolve("no-such-asterisk").toString()), "--print-sounds-dir");

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().endsWith("/usr/share/asterisk/sounds\n"), run.output());
    }

    @Test
    void anExplicitDirectoryWinsAndAMissingOneIsRefusedWithWhatToPass() throws Exception {
        Run run = run(Map.of(), dir.resolve("nowhere").toString());

        assertEquals(2, run.status(), run.output());
        assertTrue(run.output().contains("does not exist; pass Asterisk's sounds directory"), run.output());
    }
}
