package org.recgateway.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's pattern layout, then {@link LogText#escape}: every event is exactly one line, whatever
 * its message, arguments or exception say (a stack trace stays on its line with {@code \n} between
 * frames). Configure it in {@code logback.xml} as the encoder's layout.
 */
public final class OneLineLayout extends PatternLayout {

    @Override
    public String doLayout(ILoggingEvent event) {
        String line = super.doLayout(event);
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return LogText.escape(line.substring(0, end)) + System.lineSeparator();
    }
}
