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

    /**
     * A type spelled in full in code ({@code java.util.function.Consumer}, {@code org.slf4j.Logger}) hides a dependency
     * from the import block, where the rules above and a reader look for it. Checked in the packages that are clean so
     * far; the others still spell some types in full.
     */
    @Test
    void theLifecycleAndTheAmiAdapterSpellNoTypeInFull() throws IOException {
        Pattern fullName = Pattern.compile("(?<![\\w.@])(?:java|javax|org|com|io)\\.[a-z][a-z0-9]*(?:\\.[a-z][a-z0-9]*)*\\.[A-Z]");
        List<String> offenders = new ArrayList<>();
        for (String pkg : List.of("recording", "ami")) {
            try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String[] lines = codeOnly(Files.readString(file)).split("\n");
                    for (int i = 0; i < lines.length; i++) {
                        if (!lines[i].startsWith("import ") && !lines[i].startsWith("package ") && fullName.matcher(lines[i]).find()) {
                            offenders.add(MAIN.relativize(file) + ":" + (i + 1) + ": " + lines[i].strip());
                        }
                    }
                }
            }
        }
        assertTrue(offenders.isEmpty(), "import these types instead: " + offenders);
    }

    /** {@code source} with its comments and string and character literals blanked out, line breaks kept. */
    static String codeOnly(String source) {
        StringBuilder code = new StringBuilder(source.length());
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (source.startsWith("//", i) || source.startsWith("/*", i)) {
                String end = c == '/' && source.charAt(i + 1) == '/' ? "\n" : "*/";
                int stop = source.indexOf(end, i + 2);
                stop = stop < 0 ? source.length() : end.equals("\n") ? stop : stop + 2;
                source.substring(i, stop).chars().forEach(x -> code.append(x == '\n' ? '\n' : ' '));
                i = stop - 1;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < source.length() && source.charAt(j) != c) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                code.append(" ".repeat(Math.min(j, source.length() - 1) - i + 1));
                i = j;
            } else {
                code.append(c);
            }
        }
        return code.toString();
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
