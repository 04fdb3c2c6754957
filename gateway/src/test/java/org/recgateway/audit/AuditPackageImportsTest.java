package org.recgateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class AuditPackageImportsTest {

    private static final Path SOURCES = Path.of("src/main/java/org/recgateway/audit");

    @Test
    void auditImportsOnlyJava() throws IOException {
        List<String> foreign;
        try (Stream<Path> files = Files.list(SOURCES)) {
            foreign = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(AuditPackageImportsTest::imports)
                    .filter(i -> !i.startsWith("import java.") && !i.startsWith("import static java.")
                            && !i.startsWith("import javax.crypto."))  // the JDK's HMAC for the keyed chain
                    .toList();
        }
        assertEquals(List.of(), foreign);
        assertTrue(Files.exists(SOURCES.resolve("package-info.java")));
    }

    private static Stream<String> imports(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip).filter(l -> l.startsWith("import "))
                    .map(l -> file.getFileName() + ": " + l).map(l -> l.substring(l.indexOf("import ")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
