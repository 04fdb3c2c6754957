package org.recgateway.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prompt build (notice-prompts/build.sh, and its --check that ./run tests runs) checks every text against
 * what its prompt declares: a copy of the committed library passes, and each kind of mismatch fails it in both
 * languages, naming the prompt, the language and what to fix. Runs the real build script on a copy.
 */
class PromptBuildCheckTest {

    @TempDir
    Path dir;

    /** A copy of notice-prompts/ (texts, build, manifest, audio) in which prompts.yaml is edited. */
    private Path copy() throws IOException {
        Path root = dir.resolve("notice-prompts");
        try (Stream<Path> files = Files.walk(PromptFixture.COMMITTED)) {
            for (Path from : files.toList()) {
                String rel = PromptFixture.COMMITTED.relativize(from).toString();
                if (rel.startsWith("target") || rel.contains("__pycache__")) {
                    continue;
                }
                Path to = root.resolve(rel);
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        return root;
    }

    private record Result(int exit, String output) { }

    private static Result run(Path root, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("build.sh").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "build.sh did not finish");
        return new Result(p.exitValue(), out);
    }

    private static void edit(Path root, String from, String to) throws IOException {
        Path yaml = root.resolve("prompts.yaml");
        String text = Files.readString(yaml);
        assertTrue(text.contains(from), "prompts.yaml no longer contains: " + from);
        Files.writeString(yaml, text.replace(from, to));
    }

    @Test
    void theCommittedLibraryPassesTheCheck() throws Exception {
        Result r = run(copy(), "--check");
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void aTextThatSpeaksAKeyItDoesNotDeclareFailsTheBuildAndTheCheck() throws Exception {
        Path root = copy();
        edit(root, "    role: objection-offer\n    purposes: []\n    wording: none\n    keys: [\"9\"]\n",
                "    role: objection-offer\n    purposes: []\n    wording: none\n    keys: []\n");
        Result check = run(root, "--check");
        assertEquals(1, check.exit(), check.output());
        assertTrue(check.output().contains("prompts.yaml question-objection.texts.nl: the text tells the caller to press 9,"
                + " but keys does not declare it; add \"9\" to keys (or change the text)"), check.output());
        assertTrue(check.output().contains("prompts.yaml question-objection.texts.en: the text tells the caller to press 9"),
                check.output());
        Result build = run(root);
        assertEquals(1, build.exit(), build.output());
        assertTrue(build.output().contains("nothing was built") && build.output().contains("press 9"), build.output());
    }

    @Test
    void aDeclaredKeyTheTextNeverSpeaksFails() throws Exception {
        Path root = copy();
        edit(root, "nl: \"Wilt u niet dat wij dit gesprek opnemen? Druk dan op 9.\"",
                "nl: \"Wilt u niet dat wij dit gesprek opnemen? Druk dan op 8.\"");
        Result check = run(root, "--check");
        assertEquals(1, check.exit(), check.output());
        assertTrue(check.output().contains("question-objection.texts.nl: keys declares 9, but the text never tells the"
                + " caller to press it"), check.output());
        assertTrue(check.output().contains("question-objection.texts.nl: the text tells the caller to press 8"), check.output());
    }

    @Test
    void aNoticeThatNamesAPurposeItDoesNotDeclareOrSaysMayWhenDeclaredWillFails() throws Exception {
        Path root = copy();
        edit(root, "en: \"This call is recorded, so that we can prove the agreement we make with you.\"",
                "en: \"This call may be recorded, so that we can prove the agreement we make with you, and for quality.\"");
        Result check = run(root, "--check");
        assertEquals(1, check.exit(), check.output());
        assertTrue(check.output().contains("notice-contract-evidence-will.texts.en: the text names purpose quality, but"
                + " purposes does not declare it"), check.output());
        assertTrue(check.output().contains("notice-contract-evidence-will.texts.en: wording is will, but the text does not"
                + " say so"), check.output());
    }

    @Test
    void anUndeclaredConsentOnlyPromiseFails() throws Exception {
        Path root = copy();
        edit(root, "    keys: [\"1\"]\n    consentOnly: true\n", "    keys: [\"1\"]\n");
        Result check = run(root, "--check");
        assertEquals(1, check.exit(), check.output());
        assertTrue(check.output().contains("question-consent.texts.nl: the text promises nothing is recorded without"
                + " consent; declare consentOnly: true"), check.output());
    }

    @Test
    void everyRoleOfTheBuildIsARoleOfTheGateway() throws IOException {
        String lib = Files.readString(PromptFixture.COMMITTED.resolve("lib/promptlib.py"));
        String roles = lib.substring(lib.indexOf("ROLES = ("), lib.indexOf(")", lib.indexOf("ROLES = (")));
        for (PromptRole role : PromptRole.values()) {
            assertTrue(roles.contains("\"" + role.id() + "\""), role.id() + " missing from promptlib.py ROLES");
        }
        assertEquals(PromptRole.values().length, roles.split(",").length, roles);
    }
}
