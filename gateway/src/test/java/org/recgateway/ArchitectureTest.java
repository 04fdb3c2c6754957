package org.recgateway;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Dependencies point inward: the rules of STYLE.md, checked on the main sources' imports. */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/org/recgateway");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final Set<String> ADAPTERS = Set.of("agi", "ami", "http", "store", "cli");

    @Test
    void policyImportsOnlyJava() throws IOException {
        assertNoImports("policy", i -> !i.startsWith("java."));
    }

    @Test
    void adaptersDoNotImportEachOther() throws IOException {
        for (String adapter : ADAPTERS) {
            assertNoImports(adapter, i -> ADAPTERS.stream().filter(a -> !a.equals(adapter))
                    .anyMatch(other -> i.startsWith("org.recgateway." + other + ".")));
        }
    }

    @Test
    void coreImportsNoAdapterAndNoFramework() throws IOException {
        for (String core : List.of("policy", "recording", "prompts", "config")) {
            assertNoImports(core, i -> ADAPTERS.stream().anyMatch(a -> i.startsWith("org.recgateway." + a + "."))
                    || i.startsWith("org.asteriskjava") || i.startsWith("io.netty"));
        }
    }

    @Test
    void onlyMetricsImportsMicrometer() throws IOException {
        for (Path dir : packages()) {
            String name = dir.getFileName().toString();
            if (!name.equals("metrics")) {
                assertNoImports(name, i -> i.startsWith("io.micrometer"));
            }
        }
    }

    @Test
    void theRootPackageImportsNoFrameworkAndCastsNoStore() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.list(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher m = IMPORT.matcher(source);
                while (m.find()) {
                    if (m.group(2).startsWith("io.micrometer") || m.group(2).startsWith("com.zaxxer")
                            || m.group(2).startsWith("org.flywaydb") || m.group(2).startsWith("java.sql")) {
                        offenders.add(file.getFileName() + " imports " + m.group(2));
                    }
                }
                // the Database handle hands out typed stores: wiring never casts to a store class
                Matcher cast = Pattern.compile("\\(\\s*Sqlite\\w+\\s*\\)").matcher(source);
                while (cast.find()) {
                    offenders.add(file.getFileName() + " casts " + cast.group());
                }
            }
        }
        assertTrue(offenders.isEmpty(), "root package: " + offenders);
    }

    @Test
    void fullyQualifiedNamesDoNotDodgeTheImportRules() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = MAIN.relativize(file).getNameCount() > 1 ? MAIN.relativize(file).getName(0).toString() : "";
                Matcher m = Pattern.compile("(?<![\\w.])io\\.micrometer\\.").matcher(Files.readString(file));
                if (!pkg.equals("metrics") && m.find()) {
                    offenders.add(MAIN.relativize(file) + " names io.micrometer");
                }
            }
        }
        assertTrue(offenders.isEmpty(), offenders.toString());
    }

    @Test
    void everyPackageSaysWhatItIsFor() throws IOException {
        for (Path dir : packages()) {
            assertTrue(Files.exists(dir.resolve("package-info.java")), "no package-info.java in " + dir);
        }
    }

    private static List<Path> packages() throws IOException {
        try (Stream<Path> list = Files.list(MAIN)) {
            return list.filter(Files::isDirectory).toList();
        }
    }

    private static void assertNoImports(String pkg, java.util.function.Predicate<String> forbidden) throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    if (forbidden.test(m.group(2))) {
                        offenders.add(file.getFileName() + " imports " + m.group(2));
                    }
                }
            }
        }
        assertTrue(offenders.isEmpty(), pkg + ": " + offenders);
    }
}
