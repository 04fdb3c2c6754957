package org.recgateway.agi;

import java.util.Map;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.MappingStrategy;
import org.recgateway.diagnostics.DiagnosticSwitch;
import org.recgateway.policy.Direction;
import org.recgateway.prompts.PromptLibrary;
import org.recgateway.recording.AgentNotice;
import org.recgateway.recording.AsteriskChannels;
import org.recgateway.recording.NoticeThenRecord;
import org.recgateway.recording.PerServer;
import org.recgateway.recording.StopAndDelete;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only scripts a FastAGI request can reach, by exact name. asterisk-java's default mapping
 * would instantiate any class a request names; this one knows a fixed map and nothing else.
 */
public final class GatewayScripts implements MappingStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayScripts.class);

    private final Map<String, AgiScript> scripts;

    private GatewayScripts(Map<String, AgiScript> scripts) {
        this.scripts = Map.copyOf(scripts);
    }

    /** {@code record} and {@code record-called}: notice then record, on the caller's or the called party's channel. */
    public static GatewayScripts of(NoticeThenRecord lifecycle) {
        return new GatewayScripts(Map.of("record", new RecordScript(lifecycle),
                "record-called", new RecordScript(lifecycle, Direction.OUTBOUND)));
    }

    /**
     * {@code record}; the agent's feature codes {@code stop-recording}, {@code diagnostic} and
     * {@code diagnostic-mark}, which act only on a channel {@code asterisk} confirms runs the session;
     * {@code agent-notice}, run on the answering agent's channel before the bridge; {@code record-called}, the
     * notice (and recording) of an outbound call, run on the called party's channel before the bridge.
     */
    public static GatewayScripts of(NoticeThenRecord lifecycle, StopAndDelete stopAndDelete, DiagnosticSwitch diagnostics,
                                    PromptLibrary prompts, AsteriskChannels asterisk,
                                    AgentNotice agentNotice) {
        return of(lifecycle, stopAndDelete, diagnostics, prompts, PerServer.one(asterisk), agentNotice, peer -> null);
    }

    /**
     * As {@link #of(NoticeThenRecord, StopAndDelete, DiagnosticSwitch, PromptLibrary, AsteriskChannels, AgentNotice)},
     * for a gateway serving several Asterisk servers (issue #17 item 3): {@code servers} names the server a FastAGI peer
     * address belongs to (null: none), each new recording carries it, and the feature codes prove the session's channel
     * on that server's AMI ({@code asterisk}) and act on that server's recordings only; a session from a peer that
     * belongs to no server is refused.
     */
    public static GatewayScripts of(NoticeThenRecord lifecycle, StopAndDelete stopAndDelete, DiagnosticSwitch diagnostics,
                                    PromptLibrary prompts, PerServer<AsteriskChannels> asterisk,
                                    AgentNotice agentNotice, java.util.function.Function<java.net.InetAddress, String> servers) {
        return new GatewayScripts(Map.of("record", new RecordScript(lifecycle, Direction.INBOUND, servers),
                "record-called", new RecordScript(lifecycle, Direction.OUTBOUND, servers),
                "stop-recording", new StopRecordingScript(stopAndDelete, prompts, asterisk, servers),
                "diagnostic", new DiagnosticScript(diagnostics, prompts, false, asterisk, servers),
                "diagnostic-mark", new DiagnosticScript(diagnostics, prompts, true, asterisk, servers),
                "agent-notice", new AgentNoticeScript(agentNotice, servers)));
    }

    /** Every script name answers "busy": for sessions beyond capacity. */
    public static MappingStrategy busy() {
        BusyScript busy = new BusyScript();
        return (request, channel) -> busy;
    }

    @Override
    public AgiScript determineScript(AgiRequest request, AgiChannel channel) {
        String name = request.getScript();
        AgiScript script = name == null ? null : scripts.get(name);
        if (script == null) {
            LOG.warn("FastAGI request for unknown script '{}' from {}: known scripts are {}; check the dialplan's AGI() URL",
                    printable(name), request.getRemoteAddress(), scripts.keySet());
        }
        return script;
    }

    private static String printable(String s) {
        if (s == null) {
            return "";
        }
        String cut = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
