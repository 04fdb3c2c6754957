package org.recgateway.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Prompt lengths in samples from notice-prompts/manifest.json, keyed {@code <language>/<id>}. */
record PromptLengths(Map<String, Long> samples) {

    static PromptLengths load(Path manifest) throws IOException {
        JsonNode root = new ObjectMapper().readTree(manifest.toFile());
        Map<String, Long> samples = new HashMap<>();
        for (JsonNode p : root.path("prompts")) {
            samples.put(p.path("language").asText() + "/" + p.path("id").asText(), p.path("durationSamples").asLong());
        }
        return new PromptLengths(Map.copyOf(samples));
    }

    /** The length of the prompt a playback name like {@code recording-gateway/nl/notice-quality-will} names, or -1. */
    long forPlayback(String playbackName) {
        String[] parts = playbackName.split("/");
        if (parts.length < 2) {
            return -1;
        }
        return samples.getOrDefault(parts[parts.length - 2] + "/" + parts[parts.length - 1], -1L);
    }
}
