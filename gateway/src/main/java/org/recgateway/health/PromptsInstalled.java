package org.recgateway.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.recgateway.prompts.NoticePrompt;

/**
 * Are the prompts where Asterisk plays them from? For every prompt of the manifest, every audio
 * file of it in the gateway's library ({@code <sounds>/<language>/<id>.<format>}) must exist in
 * Asterisk's sounds directory under the prompt's playback name, with the same size. Without them
 * every recorded call ends {@code notice-incomplete}.
 */
public final class PromptsInstalled implements Readiness.Check {
    private final List<NoticePrompt> prompts;
    private final Path librarySounds;
    private final Path asteriskSounds;

    /**
     * @param librarySounds  the gateway's prompt directory ({@code prompts.sounds})
     * @param asteriskSounds Asterisk's sounds directory as the gateway sees it ({@code prompts.asteriskSounds})
     */
    public PromptsInstalled(List<NoticePrompt> prompts, Path librarySounds, Path asteriskSounds) {
        this.prompts = List.copyOf(prompts);
        this.librarySounds = librarySounds;
        this.asteriskSounds = asteriskSounds;
    }

    @Override
    public Optional<String> problem() throws IOException {
        List<String> missing = new ArrayList<>();
        for (NoticePrompt p : prompts) {
            Path dir = librarySounds.resolve(p.language());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith(p.id() + ".")).toList()) {
                    String extension = file.getFileName().toString().substring(p.id().length());
                    Path installed = Path.of(p.playbackName()).isAbsolute() ? Path.of(p.playbackName() + extension)
                            : asteriskSounds.resolve(p.playbackName() + extension);
                    if (!Files.exists(installed) || Files.size(installed) != Files.size(file)) {
                        missing.add(installed.toString());
                    }
                }
            }
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(missing.size() + " prompt files missing or different in Asterisk's sounds directory "
                + asteriskSounds + " (first: " + missing.getFirst() + "); install them with deploy/install-prompts.sh");
    }
}
