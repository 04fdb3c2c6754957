package org.recgateway.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.junit.jupiter.api.Test;
import org.recgateway.policy.Purpose;

/** The committed prompts.yaml, manifest.json and sounds/ agree with each other and with the gateway's types. */
class CommittedPromptsTest {

    private static final Path PROMPTS_YAML = PromptFixture.COMMITTED.resolve("prompts.yaml");
    private final ManifestPromptLibrary library = PromptFixture.committed().load("recording-gateway");

    @Test
    void everyPromptInPromptsYamlExistsInEveryLanguageAndEveryFormat() throws IOException {
        JsonNode yaml = new YAMLMapper().readTree(PROMPTS_YAML.toFile());
        List<String> languages = new ArrayList<>();
        yaml.get("languages").fieldNames().forEachRemaining(languages::add);
        assertTrue(languages.containsAll(List.of("nl", "en")), "prompts.yaml languages: " + languages);
        int checked = 0;
        for (JsonNode prompt : yaml.get("prompts")) {
            String id = prompt.get("id").asText();
            for (String language : languages) {
                NoticePrompt p = library.find(id, language).orElseThrow(
                        () -> new AssertionError(id + " (" + language + ") is not in manifest.json; run build.sh"));
                assertEquals(prompt.get("version").asInt(), p.version(), id);
                assertEquals(prompt.get("texts").get(language).asText(), p.text(), id);
                assertEquals(prompt.get("role").asText(), p.role().id(), id);
                List<String> purposes = new ArrayList<>();
                prompt.get("purposes").forEach(n -> purposes.add(n.asText()));
                assertEquals(purposes, p.purposes(), id);
                List<String> keys = new ArrayList<>();
                prompt.get("keys").forEach(n -> keys.add(n.asText()));
                assertEquals(keys, p.keys(), id);
                assertEquals(prompt.path("consentOnly").asBoolean(false), p.consentOnly(), id);
                assertEquals(prompt.get("wording").asText(), p.wording(), id);
                for (SoundFormat format : SoundFormat.values()) {
                    Path file = PromptFixture.COMMITTED.resolve("sounds", language, id + "." + format.extension());
                    assertTrue(Files.size(file) > 0, file + " is empty or missing");
                }
                checked++;
            }
        }
        assertEquals(checked, library.prompts().size(), "manifest.json has prompts that prompts.yaml does not");
    }

    @Test
    void noticeQualityIsTheConditionalDutchNoticeTheDefaultPolicyUses() {
        NoticePrompt p = library.find("notice-quality", "nl").orElseThrow();
        assertEquals("Dit gesprek kan worden opgenomen voor kwaliteitsdoeleinden.", p.text());
        assertEquals("may", p.wording());
        assertEquals("notice", p.kind());
        assertEquals(Purpose.QUALITY.id(), p.purpose());
        assertEquals("recording-gateway/nl/notice-quality", p.playbackName());
    }

    @Test
    void everyNoticeNamesAGatewayPurposeAndATruthfulWording() {
        for (NoticePrompt p : library.prompts()) {
            p.purposes().forEach(id -> assertTrue(Purpose.fromId(id).isPresent(), p.id() + ": " + id));
            if (p.kind().equals("notice")) {
                assertTrue(Purpose.fromId(p.purpose()).isPresent(), p.id() + " must name its purpose");
                String expected = p.wording().equals("will") ? "wordt" : "kan worden opgenomen";
                assertTrue(!p.language().equals("nl") || p.text().contains(expected) || p.id().equals("notice-training"),
                        p.id() + " says '" + p.text() + "' but its wording is " + p.wording());
            } else {
                assertEquals("none", p.wording(), p.id());
            }
        }
    }

    @Test
    void durationSamplesMatchesTheSampleCountOfEachWav() throws IOException, UnsupportedAudioFileException {
        for (NoticePrompt p : library.prompts()) {
            Path wav = PromptFixture.COMMITTED.resolve("sounds", p.language(), p.id() + ".wav");
            AudioFileFormat format = AudioSystem.getAudioFileFormat(wav.toFile());
            assertEquals(8000f, format.getFormat().getSampleRate(), wav.toString());
            assertEquals(1, format.getFormat().getChannels(), wav.toString());
            assertEquals(16, format.getFormat().getSampleSizeInBits(), wav.toString());
            assertEquals(p.durationSamples(), format.getFrameLength(), wav.toString());
        }
    }

    @Test
    void audioSha256IsTheHashOfTheWavBytes() throws IOException {
        NoticePrompt p = library.find("notice-diagnostic", "en").orElseThrow();
        byte[] wav = Files.readAllBytes(PromptFixture.COMMITTED.resolve("sounds", "en", "notice-diagnostic.wav"));
        assertEquals(ManifestVerifier.sha256(wav), p.audioSha256());
    }
}
