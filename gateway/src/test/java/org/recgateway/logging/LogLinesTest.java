package org.recgateway.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The shipped logback.xml, both formats, fed a caller ID that tries to forge a line and colour the terminal. */
class LogLinesTest {
    /** A CR/LF, a fake log line, a terminal escape, NUL, a bidi override, DEL. */
    static final String EVIL = "0612\r\n2026-11-30T10:00:00.000Z INFO  [main] org.recgateway.Gateway - forged\u001b[31mred\u0000\u202e\u007f";

    private final PrintStream realOut = System.out;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private String logWith(String format) throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        context.reset();
        context.putProperty("RECGATEWAY_LOG_FORMAT", format);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getResource("/logback.xml"));
        LoggerFactory.getLogger("org.recgateway.agi.RecordScript").warn("caller {} rang", EVIL,
                new IllegalStateException("bad value " + EVIL));
        return captured.toString(StandardCharsets.UTF_8);
    }

    @AfterEach
    void restore() throws Exception {
        System.setOut(realOut);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        context.putProperty("RECGATEWAY_LOG_FORMAT", "text");
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getResource("/logback.xml"));
    }

    private static void assertNoControlCharacters(String text) {
        String body = text.substring(0, text.length() - 1);
        assertTrue(text.endsWith("\n"), "ends its line");
        for (char c : body.toCharArray()) {
            assertFalse(c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x202e, "raw control character " + (int) c + " in " + body);
        }
    }

    @Test
    void readableLinesEscapeEveryControlCharacterSoOneEventIsOneLine() throws Exception {
        String out = logWith("text");
        assertNoControlCharacters(out);
        assertTrue(out.contains("caller 0612\\r\\n2026-11-30T10:00:00.000Z INFO  [main] org.recgateway.Gateway - forged\\e[31mred\\0\\u202e\\x7f rang"), out);
        assertTrue(out.contains("IllegalStateException: bad value 0612\\r\\n"), "the exception stays on the line: " + out);
        assertTrue(out.contains(" WARN  [") && out.contains("org.recgateway.agi.RecordScript - "), out);
    }

    @Test
    void jsonIsOneObjectPerLineWithTheValueIntactAndEscaped() throws Exception {
        String out = logWith("json");
        assertNoControlCharacters(out);
        JsonNode event = new ObjectMapper().readTree(out);
        assertEquals("WARN", event.get("level").asText());
        assertEquals("org.recgateway.agi.RecordScript", event.get("loggerName").asText());
        assertEquals("caller " + EVIL + " rang", event.get("formattedMessage").asText());
    }
}
