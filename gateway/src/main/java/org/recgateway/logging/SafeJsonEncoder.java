package org.recgateway.logging;

import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@link JsonEncoder} (one JSON object per line), with the characters JSON allows raw but a
 * terminal acts on (DEL, C1 controls, Unicode bidirectional overrides, line separators) written as
 * {@code \\uNNNN} escapes too. They can only occur inside JSON strings, so the result stays valid JSON
 * and decodes to the same value.
 */
public final class SafeJsonEncoder extends JsonEncoder {

    @Override
    public byte[] encode(ILoggingEvent event) {
        String json = new String(super.encode(event), StandardCharsets.UTF_8);
        StringBuilder out = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean unsafe = (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                    || c == 0x2028 || c == 0x2029 || c == 0x200e || c == 0x200f || c == 0x061c;
            if (unsafe && out == null) {
                out = new StringBuilder(json.length() + 16).append(json, 0, i);
            }
            if (out != null) {
                out.append(unsafe ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out == null ? json.getBytes(StandardCharsets.UTF_8) : out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
