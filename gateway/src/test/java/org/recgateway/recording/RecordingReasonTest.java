package org.recgateway.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** RECORDING_REASON is one enum, and the README's table of it (the contract with the dialplan) lists exactly its values. */
class RecordingReasonTest {

    @Test
    void readmeDocumentsExactlyTheEnumsValues() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int start = readme.indexOf("### `RECORDING_REASON`: the contract with the dialplan");
        assertTrue(start >= 0, "README has the RECORDING_REASON section");
        String section = readme.substring(start, readme.indexOf("\n## ", start));
        List<String> documented = new ArrayList<>();
        Matcher row = Pattern.compile("(?m)^\\| (`([a-z-]+)`|\\(empty\\)) \\|").matcher(section);
        while (row.find()) {
            documented.add(row.group(2) == null ? "" : row.group(2));
        }
        assertEquals(Arrays.stream(RecordingReason.values()).map(RecordingReason::value).toList(), documented);
    }

    @Test
    void noSourceSetsRecordingReasonExceptThroughTheEnum() throws IOException {
        Pattern literal = Pattern.compile("\"RECORDING_REASON\",\\s*\"");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                assertTrue(!literal.matcher(Files.readString(file)).find(), file + " sets RECORDING_REASON to a literal;"
                        + " use RecordingReason");
            }
        }
    }
}
