package org.recgateway.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading verifies every file against the manifest and reports every problem at once. */
class ManifestPromptLibraryTest {

    @TempDir
    Path dir;

    @Test
    void anUntouchedCopyLoadsEveryPrompt() throws IOException {
        ManifestPromptLibrary library = PromptFixture.copyInto(dir).load("recording-gateway");
        assertTrue(library.ids().contains("notice-quality"));
        assertEquals(java.util.Set.of("en", "nl"), library.languagesOf("notice-quality"));
        assertTrue(library.find("notice-quality", "de").isEmpty());
    }

    @Test
    void oneChangedByteFailsTheLoadAndNamesTheFile() throws IOException {
        PromptFixture fixture = PromptFixture.copyInto(dir);
        fixture.corrupt("nl/notice-quality.ulaw", 500);

        PromptLibraryException e = assertThrows(PromptLibraryException.class, () -> fixture.load("recording-gateway"));

        assertEquals(1, e.problems().size(), e.getMessage());
        String problem = e.problems().getFirst();
        assertTrue(problem.contains(fixture.sounds().resolve("nl/notice-quality.ulaw").toString()), problem);
        assertTrue(problem.contains("SHA-256") && problem.contains("notice-prompts/build.sh"), problem);
    }

    @Test
    void aMissingFileAMissingFormatAndAChangedFileAreReportedTogether() throws IOException {
        PromptFixture fixture = PromptFixture.copyInto(dir);
        Files.delete(fixture.sounds().resolve("nl/notice-training.sln16"));
        fixture.editEntry("question-consent", "en", entry -> entry.withObject("files").remove("alaw"));
        fixture.corrupt("en/notice-quality.wav", 1000);

        PromptLibraryException e = assertThrows(PromptLibraryException.class, () -> fixture.load("recording-gateway"));

        List<String> problems = e.problems();
        assertEquals(3, problems.size(), e.getMessage());
        assertTrue(problems.stream().anyMatch(p -> p.contains("notice-training.sln16") && p.contains("missing")), e.getMessage());
        assertTrue(problems.stream().anyMatch(p -> p.contains("question-consent (en)") && p.contains("no alaw file")), e.getMessage());
        assertTrue(problems.stream().anyMatch(p -> p.contains("en/notice-quality.wav") && p.contains("SHA-256")), e.getMessage());
    }

    @Test
    void aShortenedFileIsRefusedEvenWhenTheManifestHashWasUpdatedToMatch() throws IOException {
        PromptFixture fixture = PromptFixture.copyInto(dir);
        Path sln = fixture.sounds().resolve("nl/notice-diagnostic.sln");
        byte[] half = java.util.Arrays.copyOf(Files.readAllBytes(sln), (int) Files.size(sln) / 2);
        Files.write(sln, half);
        fixture.editEntry("notice-diagnostic", "nl",
                entry -> entry.withObject("files").withObject("sln").put("sha256", ManifestVerifier.sha256(half)));

        PromptLibraryException e = assertThrows(PromptLibraryException.class, () -> fixture.load("recording-gateway"));

        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
    }

    @Test
    void aManifestPathOutsideItsPromptIsRefusedWithoutReadingIt() throws IOException {
        PromptFixture fixture = PromptFixture.copyInto(dir);
        fixture.editEntry("notice-quality", "nl",
                entry -> entry.withObject("files").withObject("wav").put("path", "../../../etc/passwd"));

        PromptLibraryException e = assertThrows(PromptLibraryException.class, () -> fixture.load("recording-gateway"));

        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().getFirst().contains("expected 'nl/notice-quality.wav'"), e.getMessage());
    }

    @Test
    void aManifestThatIsNotJsonSaysHowToRebuildIt() throws IOException {
        PromptFixture fixture = PromptFixture.copyInto(dir);
        Files.writeString(fixture.manifest(), "{ not json");

        PromptLibraryException e = assertThrows(PromptLibraryException.class, () -> fixture.load("recording-gateway"));

        assertTrue(e.getMessage().contains("not valid manifest JSON") && e.getMessage().contains("build.sh"), e.getMessage());
    }

    @Test
    void playbackNameIsPrefixLanguageAndIdWithoutExtension() throws IOException {
        PromptFixture fixture = PromptFixture.copyInto(dir);

        assertEquals("recording-gateway/en/question-objection",
                fixture.load("recording-gateway").find("question-objection", "en").orElseThrow().playbackName());
        assertEquals("/usr/share/recording-gateway/sounds/nl/question-objection",
                fixture.load("/usr/share/recording-gateway/sounds/").find("question-objection", "nl").orElseThrow()
                        .playbackName());
    }

    @Test
    void aPlaybackPrefixThatCouldEscapeOrInjectIsRefused() throws IOException {
        PromptFixture fixture = PromptFixture.copyInto(dir);
        for (String prefix : List.of("../etc", "recording gateway", "a\"b", "x;y", "", "a/../b")) {
            assertThrows(PromptLibraryException.class, () -> fixture.load(prefix), prefix);
        }
    }

    @Test
    void missingNamesAnUnknownPromptAndEachMissingLanguage() throws IOException {
        ManifestPromptLibrary library = PromptFixture.copyInto(dir).load("recording-gateway");

        List<String> unknown = library.missing("notice-sales", List.of("nl"));
        List<String> languages = library.missing("notice-quality", List.of("nl", "de", "fr", "en"));

        assertEquals(1, unknown.size());
        assertTrue(unknown.getFirst().contains("'notice-sales' is not in the prompt library"), unknown.getFirst());
        assertEquals(2, languages.size(), languages.toString());
        assertTrue(languages.getFirst().contains("no 'de' audio") && languages.get(1).contains("no 'fr' audio"),
                languages.toString());
        assertTrue(library.missing("notice-quality", List.of("nl", "en")).isEmpty());
    }
}
