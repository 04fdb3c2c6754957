package org.recgateway.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The Flyway migration files in the sources (tests compare databases against them). */
final class MigrationFiles {
    private MigrationFiles() {
    }

    /** How many {@code V<n>__*.sql} files {@code folder} (sqlite or postgresql) has. */
    static int count(String folder) {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration", folder))) {
            return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
