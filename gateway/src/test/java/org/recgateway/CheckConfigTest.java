package org.recgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway check-config FILE} runs the coherence check against the prompt library, as start-up does. */
class CheckConfigTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int checkConfig(String policy) throws Exception {
        Path prompts = Path.of("..", "notice-prompts").toAbsolutePath().normalize();
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, "ami: {enabled: false}\nprompts:\n  manifest: " + prompts.resolve("manifest.json")
                + "\n  sounds: " + prompts.resolve("sounds") + "\n" + policy);
        return GatewayMain.run(List.of("check-config", config.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aMixedRecordingWhoseOfferPromisesAFullStopIsRefusedAtItsLine() throws Exception {
        int exit = checkConfig("""
                policy:
                  rules:
                    - name: sales
                      when: {context: sales}
                      record: {purpose: contract-evidence, notice: notice-contract-evidence-quality-will, retention: 365d,
                               objection: {}, also: [{purpose: quality, retention: 30d}]}
                """);
        String errors = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, exit, errors);
        assertTrue(errors.contains(dir.resolve("gateway.yaml") + ":7: policy.rules[sales].record.objection.offer: objection"
                + " offer 'question-objection' offers to stop the whole recording, but an objection ends only quality"), errors);
    }

    @Test
    void theSameRecordingWithTheOfferThatNamesQualityIsValid() throws Exception {
        int exit = checkConfig("""
                policy:
                  rules:
                    - name: sales
                      when: {context: sales}
                      record: {purpose: contract-evidence, notice: notice-contract-evidence-quality-will, retention: 365d,
                               objection: {offer: question-objection-quality}, also: [{purpose: quality, retention: 30d}]}
                """);
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("valid"));
    }
}
