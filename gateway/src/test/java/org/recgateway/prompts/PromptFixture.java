package org.recgateway.prompts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** A writable copy of the committed notice-prompts/ manifest and sounds in a test's temporary directory. */
record PromptFixture(Path manifest, Path sounds) {

    /** Maven runs the gateway's tests with the working directory gateway/. */
    static final Path COMMITTED = Path.of("..", "notice-prompts");

    static PromptFixture committed() {
        return new PromptFixture(COMMITTED.resolve("manifest.json"), COMMITTED.resolve("sounds"));
    }

    static PromptFixture copyInto(Path dir) throws IOException {
        Path sounds = dir.resolve("sounds");
        try (Stream<Path> files = Files.walk(COMMITTED.resolve("sounds"))) {
            files.forEach(from -> {
                Path to = sounds.resolve(COMMITTED.resolve("sounds").relativize(from).toString());
                try {
                    Files.copy(from, to);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        Path manifest = Files.copy(COMMITTED.resolve("manifest.json"), dir.resolve("manifest.json"));
        return new PromptFixture(manifest, sounds);
    }

    ManifestPromptLibrary load(String playbackPrefix) {
        return ManifestPromptLibrary.load(manifest, sounds, playbackPrefix);
    }

    /** Flips one byte of a sound file, e.g. {@code nl/notice-quality.ulaw}. */
    void corrupt(String relativePath, int offset) throws IOException {
        Path file = sounds.resolve(relativePath);
        byte[] bytes = Files.readAllBytes(file);
        bytes[offset] ^= 0x01;
        Files.write(file, bytes);
    }

    /** Rewrites the manifest entry for {@code id} in {@code language}. */
    void editEntry(String id, String language, Consumer<ObjectNode> edit) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(manifest.toFile());
        root.withArray("prompts").forEach(entry -> {
            if (entry.get("id").asText().equals(id) && entry.get("language").asText().equals(language)) {
                edit.accept((ObjectNode) entry);
            }
        });
        json.writeValue(manifest.toFile(), root);
    }
}
