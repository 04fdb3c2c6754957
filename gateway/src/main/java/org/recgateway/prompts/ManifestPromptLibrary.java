package org.recgateway.prompts;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The prompt library read from notice-prompts/manifest.json, with every audio file's SHA-256, format and
 * length verified against the manifest at load time, so what the gateway records as evidence is what plays.
 */
public final class ManifestPromptLibrary implements PromptLibrary {

    private static final Pattern PREFIX = Pattern.compile("/?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");

    /** id -> language -> prompt, both sorted. */
    private final Map<String, Map<String, NoticePrompt>> prompts;

    private ManifestPromptLibrary(Map<String, Map<String, NoticePrompt>> prompts) {
        this.prompts = prompts;
    }

    /**
     * Loads and verifies the library.
     *
     * @param manifestJson   notice-prompts/manifest.json (or its installed copy)
     * @param soundsDir      the directory the manifest's paths are relative to (notice-prompts/sounds, or
     *                       Asterisk's {@code sounds/recording-gateway} after deploy/install-prompts.sh)
     * @param playbackPrefix how Asterisk names that directory: {@code recording-gateway} when installed into its
     *                       sounds directory, or an absolute directory such as {@code /usr/share/rg/sounds}
     * @throws PromptLibraryException listing every problem found, when anything is missing or does not match
     */
    public static ManifestPromptLibrary load(Path manifestJson, Path soundsDir, String playbackPrefix) {
        String prefix = playbackPrefix == null ? "" : playbackPrefix.replaceAll("/+$", "");
        if (!PREFIX.matcher(prefix).matches() || prefix.matches("(.*/)?\\.\\.?(/.*)?")) {
            throw new PromptLibraryException(List.of("playback prefix '" + playbackPrefix + "' is not a sound "
                    + "directory name such as recording-gateway or /usr/share/recording-gateway/sounds "
                    + "(letters, digits, '.', '_', '-' and '/', no '..')"));
        }
        PromptManifest manifest;
        try {
            manifest = new ObjectMapper().readValue(manifestJson.toFile(), PromptManifest.class);
        } catch (JacksonException e) {
            throw new PromptLibraryException(List.of("manifest " + manifestJson + " is not valid manifest JSON ("
                    + e.getOriginalMessage() + "); " + ManifestVerifier.FIX));
        } catch (IOException e) {
            throw new PromptLibraryException(List.of("manifest " + manifestJson + " cannot be read (" + e
                    + "); check the path, or " + ManifestVerifier.FIX));
        }
        ManifestVerifier verifier = new ManifestVerifier(soundsDir, prefix);
        List<NoticePrompt> verified = verifier.verify(manifest);
        if (!verifier.problems().isEmpty()) {
            throw new PromptLibraryException(verifier.problems());
        }
        Map<String, Map<String, NoticePrompt>> byId = new TreeMap<>();
        for (NoticePrompt p : verified) {
            byId.computeIfAbsent(p.id(), id -> new TreeMap<>()).put(p.language(), p);
        }
        byId.replaceAll((id, byLanguage) -> Collections.unmodifiableMap(byLanguage));
        return new ManifestPromptLibrary(Collections.unmodifiableMap(byId));
    }

    @Override
    public Optional<NoticePrompt> find(String id, String language) {
        return Optional.ofNullable(prompts.getOrDefault(id, Map.of()).get(language));
    }

    @Override
    public Set<String> ids() {
        return prompts.keySet();
    }

    @Override
    public Set<String> languagesOf(String id) {
        return prompts.getOrDefault(id, Map.of()).keySet();
    }

    /** Every prompt in every language, sorted by id and language. */
    public List<NoticePrompt> prompts() {
        return prompts.values().stream().flatMap(m -> m.values().stream()).toList();
    }

    /**
     * What keeps {@code id} from playing in each of {@code languages}, one sentence per problem (empty when it
     * can); for configuration validation, so a policy cannot name a prompt that is missing where it routes calls.
     */
    public List<String> missing(String id, Collection<String> languages) {
        if (!prompts.containsKey(id)) {
            return List.of("prompt '" + id + "' is not in the prompt library (known: " + String.join(", ", ids())
                    + "); use one of those, or add it to notice-prompts/prompts.yaml and run notice-prompts/build.sh");
        }
        List<String> problems = new ArrayList<>();
        for (String language : languages.stream().distinct().sorted().toList()) {
            if (!prompts.get(id).containsKey(language)) {
                problems.add("prompt '" + id + "' has no '" + language + "' audio (it has: "
                        + String.join(", ", languagesOf(id)) + "); add a " + language
                        + " text to notice-prompts/prompts.yaml and run notice-prompts/build.sh");
            }
        }
        return List.copyOf(problems);
    }
}
