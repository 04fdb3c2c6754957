package org.recgateway.agi;

import java.net.InetAddress;
import java.util.List;
import java.util.function.Function;
import java.util.Optional;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.recgateway.audit.Actors;
import org.recgateway.policy.ObjectionStep;
import org.recgateway.prompts.PromptLibrary;
import org.recgateway.recording.AsteriskChannels;
import org.recgateway.recording.PerServer;
import org.recgateway.recording.Recording;
import org.recgateway.recording.StopAndDelete;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-call objection code {@code *9} ({@code stop-recording}, run by an applicationmap entry on the
 * channel that pressed it). The caller presses it to object (GDPR art. 21) or withdraw consent (art.
 * 7(3)); the agent presses it on the caller's behalf. Either way the call's running recordings (found
 * by the call's linkedid, so only this call's) lose every purpose on legitimate interest or consent
 * ({@link StopAndDelete}); the one who pressed hears what happened, and {@code RECORDING_STOP} is set to
 * {@code deleted}, {@code purposes-ended}, {@code none} or {@code refused}. The audit trail names the
 * caller when the pressing channel is the recorded one, else the agent's device.
 * The channel, its uniqueid and its linkedid are proven with Asterisk over AMI ({@link ProvenChannel}), never
 * taken from the FastAGI peer: a forged session changes nothing ({@code refused}). With several Asterisk servers it is
 * proven on the server the peer belongs to, and only that server's recordings of the call are stopped.
 */
final class StopRecordingScript implements AgiScript {
    private static final Logger LOG = LoggerFactory.getLogger(StopRecordingScript.class);
    static final String CONFIRM_DELETED = ObjectionStep.CONFIRMATION_ALL;
    static final String CONFIRM_PARTIAL = ObjectionStep.CONFIRMATION_PARTIAL;

    private final StopAndDelete stopAndDelete;
    private final PromptLibrary prompts;
    private final PerServer<AsteriskChannels> asterisk;
    private final Function<InetAddress, String> servers;

    StopRecordingScript(StopAndDelete stopAndDelete, PromptLibrary prompts, AsteriskChannels asterisk) {
        this(stopAndDelete, prompts, PerServer.one(asterisk), peer -> null);
    }

    /**
     * @param asterisk each Asterisk server's channels, where the session's channel is proven
     * @param servers  the server a FastAGI peer address belongs to ({@code ami.servers[].fastAgiFrom})
     */
    StopRecordingScript(StopAndDelete stopAndDelete, PromptLibrary prompts, PerServer<AsteriskChannels> asterisk,
                        Function<InetAddress, String> servers) {
        this.stopAndDelete = stopAndDelete;
        this.prompts = prompts;
        this.asterisk = asterisk;
        this.servers = servers;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        Optional<ProvenChannel> proven = ProvenChannel.of(request, channel, asterisk, servers);
        if (proven.isEmpty()) {
            channel.setVariable("RECORDING_STOP", "refused");
            return;
        }
        List<Recording> running = stopAndDelete.activeInCall(proven.get().linkedId(), proven.get().server());
        String outcome = running.isEmpty() ? "none" : null;
        for (Recording r : running) {
            boolean caller = r.uniqueId() != null && r.uniqueId().equals(proven.get().uniqueId());
            String actor = caller ? Actors.caller(proven.get().channel()) : Actors.agent(DiagnosticScript.agentOf(proven.get().channel()));
            StopAndDelete.Result result = stopAndDelete.stopAndDelete(r.id(), actor);
            outcome = worst(outcome, switch (result.outcome()) {
                case DELETED -> "deleted";
                case PURPOSES_ENDED -> "purposes-ended";
                case HELD -> "held";
                case REFUSED -> "refused";
            });
            if (!result.done()) {
                stopAndDelete.auditRefusal(r.id(), actor, result.reason(), "feature-code");
            }
            LOG.info("{} pressed the objection code on {}: recording {} {}", caller ? "caller" : "agent",
                    proven.get().channel(), r.id(), result.reason());
        }
        channel.setVariable("RECORDING_STOP", outcome);
        String confirmation = switch (outcome) {
            case "deleted" -> CONFIRM_DELETED;
            case "purposes-ended" -> CONFIRM_PARTIAL;
            default -> null;
        };
        if (confirmation != null) {
            confirm(confirmation, request.getLanguage(), channel);
        }
    }

    /** Several recordings: the least that happened to any of them is what the one who pressed is told. */
    private static String worst(String so, String now) {
        List<String> order = List.of("refused", "held", "purposes-ended", "deleted");
        return so == null || order.indexOf(now) < order.indexOf(so) ? now : so;
    }

    private void confirm(String id, String language, AgiChannel channel) {
        String lang = language == null ? "" : language;
        prompts.find(id, lang).or(() -> prompts.find(id, "nl")).ifPresentOrElse(p -> {
            try {
                channel.streamFile(p.playbackName());
            } catch (AgiException e) {
                LOG.debug("could not confirm the objection: {}", e.getMessage());
            }
        }, () -> LOG.warn("no prompt {} in the prompt library: the objection was carried out but not confirmed", id));
    }
}
