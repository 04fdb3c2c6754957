package org.recgateway.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.asteriskjava.manager.action.OriginateAction;
import org.recgateway.recording.Recording;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.SippAgent;
import org.recgateway.testing.SippCall;

/**
 * A recorded call that becomes a conference, on the real Asterisk 22: a SIPp caller dials 28xx (rig context
 * {@code conference-recorded}): notice, recording, then ConfBridge room {@code rg-28xx}. The test then brings the
 * agent's SIPp phone into the room, and a few seconds later the third phone, each by its own call (AMI Originate of
 * {@code PJSIP/agent} / {@code PJSIP/agent2} into {@code ConfBridge}), as a PBX's "add to conference" does. No transfer
 * event announces the third party: the gateway sees them only in Asterisk's bridge events.
 */
final class ConferenceCalls implements AutoCloseable {
    static final String POLICY = TransferCalls.POLICY;

    /**
     * One conference: the call's recordings oldest first, the agent's and third phone's channel name prefixes, when the
     * third was asked into the room, and the SIPp exits (caller, agent, third).
     */
    record Call(List<Recording> recordings, Instant thirdAsked, List<Integer> sippExits) { }

    private final RigWithAmi base;
    private final GatewayRig rig;

    private ConferenceCalls(RigWithAmi base) {
        this.base = base;
        this.rig = base.rig();
    }

    static ConferenceCalls start(String name, String transfersYaml) throws Exception {
        return new ConferenceCalls(RigWithAmi.start(name, transfersYaml + POLICY));
    }

    GatewayRig rig() {
        return rig;
    }

    /**
     * The caller talks for {@code callerMillis} after the answer; the agent joins once the caller is recorded, the third
     * phone {@code thirdAfterMillis} after the agent is listed as a party.
     */
    Call conference(String dialed, String callerId, long callerMillis, long thirdAfterMillis) throws Exception {
        SippAgent agent = SippAgent.startTalkingUntilHungUp("conf-agent-" + dialed, AsteriskRig.AGENT_PORT, AsteriskRig.AGENT_MEDIA_PORT, rig.sippLogs());
        SippAgent third = SippAgent.startTalkingUntilHungUp("conf-third-" + dialed, AsteriskRig.AGENT2_PORT, AsteriskRig.AGENT2_MEDIA_PORT, rig.sippLogs());
        Thread.sleep(300);
        SippCall caller = SippCall.startTalking("conf-" + dialed, dialed, callerId, callerMillis, rig.sippLogs());
        try {
            if (!AsteriskRig.eventually(Duration.ofSeconds(40), () -> rig.byNumber(callerId).isPresent())) {
                throw new AssertionError("the caller " + callerId + " was never recorded");
            }
            Thread.sleep(1_000);  // the caller is in the room
            join("PJSIP/agent", dialed);
            base.answeredBy(callerId);  // the agent is listed as a party of the recorded conference
            Thread.sleep(thirdAfterMillis);
            Instant asked = Instant.now();
            join("PJSIP/agent2", dialed);
            List<Integer> exits = List.of(caller.await(), agent.await(), third.await());
            return new Call(base.endedOf(callerId), asked, exits);
        } finally {
            caller.stop();
            agent.stop();
            third.stop();
        }
    }

    /** Asterisk's AMI Originate of {@code endpoint} into the caller's ConfBridge room. */
    private void join(String endpoint, String dialed) throws Exception {
        OriginateAction originate = new OriginateAction();
        originate.setChannel(endpoint);
        originate.setApplication("ConfBridge");
        originate.setData("rg-" + dialed + ",rg_bridge,rg_member");
        originate.setCallerId("Conference <" + dialed + ">");
        originate.setTimeout(20_000L);
        originate.setAsync(true);
        base.send(originate);
    }

    @Override
    public void close() throws Exception {
        base.close();
    }
}
