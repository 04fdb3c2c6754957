package org.recgateway.listening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The listening rules stay plain Java: java.*, policy, recording, diagnostics and audit, nothing else. */
class ListeningPackageImportsTest {
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final List<String> ALLOWED = List.of("java.", "org.recgateway.policy.", "org.recgateway.recording.",
            "org.recgateway.diagnostics.", "org.recgateway.audit.", "org.recgateway.listening.");

    @Test
    void listeningImportsOnlyJavaAndTheCore() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.list(Path.of("src/main/java/org/recgateway/listening"))) {
            offenders = files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    Matcher m = IMPORT.matcher(Files.readString(f));
                    return m.results().map(r -> r.group(2)).filter(i -> ALLOWED.stream().noneMatch(i::startsWith))
                            .map(i -> f.getFileName() + " imports " + i).toList().stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertEquals(List.of(), offenders);
    }
}
