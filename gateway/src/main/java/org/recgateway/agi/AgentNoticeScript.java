package org.recgateway.agi;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.recgateway.recording.AgentNotice;
import org.recgateway.recording.CallControl.CallGoneException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code agent-notice} script: run on the answering agent's channel before the bridge by the
 * {@code Dial} option {@code U(recording-gateway-agent-notice)} (see {@code deploy/asterisk/}). Plays
 * {@code confirmation-recording-started} to the agent when the call is recorded and sets
 * {@code RECORDING_AGENT_NOTICE} to {@code played}, {@code incomplete}, {@code not-recorded} or {@code no-prompt}.
 */
final class AgentNoticeScript implements AgiScript {
    private static final Logger LOG = LoggerFactory.getLogger(AgentNoticeScript.class);

    private final AgentNotice notice;
    private final java.util.function.Function<java.net.InetAddress, String> servers;

    AgentNoticeScript(AgentNotice notice) {
        this(notice, peer -> null);
    }

    /** @param servers the Asterisk server a FastAGI peer address belongs to (null: the only one): the call is looked up there */
    AgentNoticeScript(AgentNotice notice, java.util.function.Function<java.net.InetAddress, String> servers) {
        this.notice = notice;
        this.servers = servers;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        String linkedId = channel.getVariable("CHANNEL(linkedid)");
        try {
            AgentNotice.Outcome outcome = notice.tell(linkedId, request.getChannel(), request.getLanguage(), new AgiCallControl(channel,
                    request.getRemoteAddress() == null ? null : servers.apply(request.getRemoteAddress())));
            channel.setVariable("RECORDING_AGENT_NOTICE", outcome.status());
            LOG.info("agent on {}: {} (recording {})", request.getChannel(), outcome.status(), outcome.recordingId());
        } catch (CallGoneException gone) {
            LOG.info("agent on {} left before the recording confirmation ended: {}", request.getChannel(), gone.getMessage());
        }
    }
}
