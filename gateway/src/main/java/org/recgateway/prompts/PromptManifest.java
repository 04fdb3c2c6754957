package org.recgateway.prompts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * notice-prompts/manifest.json as written by notice-prompts/build.sh, before verification. Fields may be
 * null here: {@link ManifestVerifier} reports them instead of failing on the first.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record PromptManifest(Integer manifestVersion, List<Entry> prompts) {

    static final int SUPPORTED_VERSION = 2;

    /** One prompt in one language with its declarations; {@code files} maps a format's extension to its file. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(String id, String language, Integer version, String role, List<String> purposes, String wording,
                 List<String> keys, Boolean consentOnly, String text, String textSha256, String source,
                 Integer sampleRate, Long durationSamples, Map<String, AudioFile> files) {
    }

    /** A file relative to the sounds directory and the SHA-256 (hex) of its bytes. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AudioFile(String path, String sha256) {
    }
}
