package org.recgateway.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.asteriskjava.AsteriskVersion;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiReader;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiWriter;
import org.asteriskjava.fastagi.command.SetVariableCommand;
import org.asteriskjava.fastagi.reply.AgiReply;
import org.junit.jupiter.api.Test;

/** A session's channel works out the Asterisk version once, however many commands it sends, and sends what it is given. */
class SessionChannelTest {
    @Test
    void theVersionIsAskedOncePerSessionAndCommandsGoOutUnchanged() throws Exception {
        AtomicInteger versionAsked = new AtomicInteger();
        AgiRequest request = (AgiRequest) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AgiRequest.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getAsteriskVersion")) {
                        versionAsked.incrementAndGet();
                        return AsteriskVersion.ASTERISK_22;
                    }
                    return null;
                });
        List<String> sent = new ArrayList<>();
        AgiWriter writer = command -> sent.add(command.buildCommand());
        AgiReply ok = (AgiReply) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AgiReply.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getStatus" -> 200;
                    case "getResultCode" -> 1;
                    case "getExtra" -> "1700000000.7";
                    default -> null;
                });
        AgiReader reader = (AgiReader) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AgiReader.class},
                (proxy, method, args) -> ok);
        AgiChannel channel = SessionChannel.FACTORY.createAgiChannel(request, writer, reader);

        assertEquals("1700000000.7", AgiCallControl.variable(channel, "CHANNEL(linkedid)"));
        AgiCallControl.setVariable(channel, "RECORDING_ID", "r-1");
        channel.sendCommand(new SetVariableCommand("RECORDING_STATUS", "recording"));
        channel.getVariable("RECORDING_MIXMONITOR_ID");

        assertEquals(1, versionAsked.get(), "asked once for four commands");
        assertEquals(List.of("GET VARIABLE \"CHANNEL(linkedid)\"", "SET VARIABLE \"RECORDING_ID\" \"r-1\"",
                "SET VARIABLE \"RECORDING_STATUS\" \"recording\"", "GET VARIABLE \"RECORDING_MIXMONITOR_ID\""), sent);
    }
}
