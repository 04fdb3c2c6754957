package org.recgateway.agi;

import java.net.InetAddress;
import java.util.function.Function;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.recgateway.audit.Actors;
import org.recgateway.diagnostics.DiagnosticSwitch;
import org.recgateway.diagnostics.SwitchedBy;
import org.recgateway.prompts.PromptLibrary;
import org.recgateway.recording.AsteriskChannels;
import org.recgateway.recording.PerServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's feature code for a diagnostic recording: {@code diagnostic[,ticket id]} switches it on
 * (or off when one runs), {@code diagnostic-mark} marks the fault. Runs on the agent's channel and
 * returns at once, so the agent is back in the bridge before the notice plays to both parties; a
 * refusal is played to the agent only. Sets {@code RECORDING_DIAGNOSTIC} (starting, stopped,
 * refused, marked, mark-refused, not-running) and {@code RECORDING_DIAGNOSTIC_REASON}. The channel, uniqueid
 * and linkedid are proven with Asterisk over AMI ({@link ProvenChannel}); a session Asterisk does not run
 * on the claimed channel is refused ({@code unverified-channel}) and changes nothing. Only a channel
 * configured as an agent's may switch or mark (the gateway checks; the dialplan gives the codes to the
 * agent's leg only).
 */
final class DiagnosticScript implements AgiScript {
    private static final Logger LOG = LoggerFactory.getLogger(DiagnosticScript.class);
    /** A channel name as Asterisk makes them, e.g. {@code PJSIP/caller-0000002a}: nothing an expression could read. */
    static final java.util.regex.Pattern CHANNEL_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9/_.@:+-]{1,128}");

    private final DiagnosticSwitch diagnostics;
    private final PromptLibrary prompts;
    private final boolean mark;
    private final PerServer<AsteriskChannels> asterisk;
    private final Function<InetAddress, String> servers;

    DiagnosticScript(DiagnosticSwitch diagnostics, PromptLibrary prompts, boolean mark, AsteriskChannels asterisk) {
        this(diagnostics, prompts, mark, PerServer.one(asterisk), peer -> null);
    }

    /**
     * @param asterisk each Asterisk server's channels, where the session's channel is proven
     * @param servers  the server a FastAGI peer address belongs to ({@code ami.servers[].fastAgiFrom}); the recording
     *                 is made on that server
     */
    DiagnosticScript(DiagnosticSwitch diagnostics, PromptLibrary prompts, boolean mark, PerServer<AsteriskChannels> asterisk,
                     Function<InetAddress, String> servers) {
        this.asterisk = asterisk;
        this.servers = servers;
        this.diagnostics = diagnostics;
        this.prompts = prompts;
        this.mark = mark;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        var proven = ProvenChannel.of(request, channel, asterisk, servers);
        if (proven.isEmpty()) {
            channel.setVariable("RECORDING_DIAGNOSTIC", "refused");
            channel.setVariable("RECORDING_DIAGNOSTIC_REASON", "unverified-channel");
            return;
        }
        String linkedId = proven.get().linkedId();
        String agent = agentOf(proven.get().channel());
        SwitchedBy by = new SwitchedBy(Actors.agent(agent), SwitchedBy.How.FEATURE_CODE);
        if (mark) {
            DiagnosticSwitch.MarkOutcome marked = diagnostics.mark(linkedId, proven.get().server(), proven.get().channel(), by);
            if (marked instanceof DiagnosticSwitch.MarkOutcome.Marked(var m)) {
                channel.setVariable("RECORDING_DIAGNOSTIC", "marked");
                LOG.info("fault marker at {} ms in diagnostic recording {}", m.offsetMillis(), m.recordingId());
            } else if (marked instanceof DiagnosticSwitch.MarkOutcome.Refused(String reason)) {
                channel.setVariable("RECORDING_DIAGNOSTIC", "mark-refused");
                channel.setVariable("RECORDING_DIAGNOSTIC_REASON", reason);
                LOG.info("fault marker on {} refused: {}", proven.get().channel(), reason);
            }
            return;
        }
        String[] args = request.getArguments();
        String ticket = args != null && args.length > 0 ? args[0] : null;
        String peer = channel.getVariable("BRIDGEPEER");
        String caller = peer == null || !CHANNEL_NAME.matcher(peer).matches() ? null : peer;
        // The recording carries the caller's number (the bridge peer's caller ID), not the agent's, so the
        // caller whose voice it holds can find and erase it; the agent's own number is the other party.
        String callerNumber = caller == null ? "" : callerNumberOf(channel, caller);
        DiagnosticSwitch.Toggle toggle = new DiagnosticSwitch.Toggle(proven.get().channel(), proven.get().uniqueId(), linkedId,
                caller, callerNumber, request.getCallerIdNumber(), by, ticket, request.getLanguage(), proven.get().server());
        DiagnosticSwitch.Outcome outcome = diagnostics.toggle(toggle);
        LOG.info("agent {} pressed the diagnostic switch: {} {} {}", agent, outcome.action(), outcome.recordingId(), outcome.reason());
        channel.setVariable("RECORDING_DIAGNOSTIC", outcome.action());
        channel.setVariable("RECORDING_DIAGNOSTIC_REASON", outcome.reason());
        if ("refused".equals(outcome.action())) {
            String language = request.getLanguage() == null ? "nl" : request.getLanguage();
            var refusal = prompts.find("refusal-diagnostic", language).or(() -> prompts.find("refusal-diagnostic", "nl"));
            if (refusal.isPresent()) {
                channel.streamFile(refusal.get().playbackName());
            }
        }
    }

    /**
     * The bridge peer's caller ID number, read with {@code IMPORT}. The peer's name comes from Asterisk,
     * and only a name of channel-name characters ({@link #CHANNEL_NAME}) is put into the expression.
     */
    private static String callerNumberOf(AgiChannel channel, String peer) throws AgiException {
        String number = channel.getFullVariable("${IMPORT(" + peer + ",CALLERID(num))}");
        return number == null ? "" : number;
    }

    static String agentOf(String channel) {
        return DiagnosticSwitch.deviceOf(channel);
    }
}
