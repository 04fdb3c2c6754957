package org.recgateway.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.asteriskjava.fastagi.command.ExecCommand;
import org.asteriskjava.fastagi.command.GetVariableCommand;
import org.asteriskjava.fastagi.command.SetVariableCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.command.WaitForDigitCommand;
import org.junit.jupiter.api.Test;

/**
 * The gateway's own FastAGI command lines are the lines asterisk-java's command classes write (what
 * Asterisk has always received from the gateway), for every command the call path sends, over
 * arguments with the characters quoting is about; and no argument can break the line.
 */
class AgiLineTest {
    private static final List<String> ARGUMENTS = List.of("", "plain", "recording-gateway/nl/notice-quality-will",
            "/var/spool/asterisk/recording-gateway/2026/11/30/0b5c.wav,i(RECORDING_MIXMONITOR_ID)", "with space",
            "quote\"inside", "back\\slash", "both\\\"x", "trailing\\", "CHANNEL(linkedid)", "9", "#*0123456789", "ünïcødé");

    @Test
    void linesMatchAsteriskJavasForEveryCommandTheCallPathSends() {
        for (String a : ARGUMENTS) {
            for (String b : ARGUMENTS) {
                assertEquals(new StreamFileCommand(a, b).buildCommand(), AgiLine.streamFile(a, b).buildCommand());
                assertEquals(new SetVariableCommand(a, b).buildCommand(), AgiLine.setVariable(a, b).buildCommand());
                assertEquals(new ExecCommand(a, b).buildCommand(), AgiLine.exec(a, b).buildCommand());
            }
            assertEquals(new GetVariableCommand(a).buildCommand(), AgiLine.getVariable(a).buildCommand());
        }
        for (long t : new long[] {1, 3000, 60_000}) {
            assertEquals(new WaitForDigitCommand(t).buildCommand(), AgiLine.waitForDigit(t).buildCommand());
        }
        assertEquals(new SetVariableCommand("RECORDING_ID", null).buildCommand(), AgiLine.setVariable("RECORDING_ID", null).buildCommand());
    }

    @Test
    void noArgumentEndsTheLineOrStartsAnotherCommand() {
        String hostile = "x\"\nEXEC \"System\" \"rm -rf /\"\r\n\u0000\u001b\u007f";
        for (String line : List.of(AgiLine.setVariable("RECORDING_ID", hostile).buildCommand(),
                AgiLine.streamFile(hostile, hostile).buildCommand(), AgiLine.exec("MixMonitor", hostile).buildCommand(),
                AgiLine.getVariable(hostile).buildCommand())) {
            assertFalse(line.chars().anyMatch(c -> c < 0x20 || c == 0x7f), "no control character in " + line);
            // Every quote inside an argument is escaped: the quotes that delimit arguments are exactly the unescaped ones.
            int unescaped = 0;
            for (int i = 0; i < line.length(); i++) {
                if (line.charAt(i) == '\\') {
                    i++;
                } else if (line.charAt(i) == '"') {
                    unescaped++;
                }
            }
            assertTrue(unescaped == 2 || unescaped == 4, "arguments stay whole in " + line);
        }
    }
}
