package org.recgateway.agi;

import java.util.List;
import java.util.Optional;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.recgateway.audit.Actors;
import org.recgateway.prompts.PromptLibrary;
import org.recgateway.recording.AsteriskChannels;
import org.recgateway.recording.Recording;
import org.recgateway.recording.StopAndDelete;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's feature code for "the caller objects": {@code stop-recording}, run on the agent's
 * channel by an applicationmap entry. It stops and deletes every running recording of the call
 * (found by the call's linkedid), tells the agent, and sets {@code RECORDING_STOP} to
 * {@code deleted}, {@code none} or {@code refused}. The channel and its linkedid are proven with
 * Asterisk over AMI ({@link ProvenChannel}), never taken from the FastAGI peer: a forged session
 * changes nothing ({@code refused}).
 */
final class StopRecordingScript implements AgiScript {
    private static final Logger LOG = LoggerFactory.getLogger(StopRecordingScript.class);

    private final StopAndDelete stopAndDelete;
    private final PromptLibrary prompts;
    private final AsteriskChannels asterisk;

    StopRecordingScript(StopAndDelete stopAndDelete, PromptLibrary prompts, AsteriskChannels asterisk) {
        this.stopAndDelete = stopAndDelete;
        this.prompts = prompts;
        this.asterisk = asterisk;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        Optional<ProvenChannel> proven = ProvenChannel.of(request, channel, asterisk);
        if (proven.isEmpty()) {
            channel.setVariable("RECORDING_STOP", "refused");
            return;
        }
        List<Recording> running = stopAndDelete.activeInCall(proven.get().linkedId());
        String outcome = running.isEmpty() ? "none" : "deleted";
        for (Recording r : running) {
            String actor = Actors.agent(DiagnosticScript.agentOf(request.getChannel()));
            StopAndDelete.Result result = stopAndDelete.stopAndDelete(r.id(), actor);
            if (!result.done()) {
                outcome = "refused";
                stopAndDelete.auditRefusal(r.id(), actor, result.reason(), "feature-code");
                LOG.warn("agent on {} asked to stop recording {}: refused, {}", request.getChannel(), r.id(), result.reason());
            }
        }
        channel.setVariable("RECORDING_STOP", outcome);
        if ("deleted".equals(outcome)) {
            String language = request.getLanguage() == null ? "" : request.getLanguage();
            prompts.find("confirmation-objection", language).or(() -> prompts.find("confirmation-objection", "nl"))
                    .ifPresent(p -> {
                        try {
                            channel.streamFile(p.playbackName());
                        } catch (AgiException e) {
                            LOG.debug("could not confirm to the agent: {}", e.getMessage());
                        }
                    });
        }
    }
}
