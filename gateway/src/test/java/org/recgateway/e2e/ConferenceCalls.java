package org.recgateway.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.response.ManagerResponse;
import org.recgateway.recording.RecordedParty;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingQuery;
import org.recgateway.recording.RecordingStatus;
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

    private final GatewayRig rig;
    private final ManagerConnection ami;

    private ConferenceCalls(GatewayRig rig, ManagerConnection ami) {
        this.rig = rig;
        this.ami = ami;
    }

    static ConferenceCalls start(String name, String transfersYaml) throws Exception {
        GatewayRig rig = GatewayRig.start(name, transfersYaml + POLICY);
        ManagerConnection ami = new ManagerConnectionFactory("127.0.0.1", AsteriskRig.AMI_PORT, "rig", "rig-secret")
                .createManagerConnection();
        ami.login();
        return new ConferenceCalls(rig, ami);
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
            if (!AsteriskRig.eventually(Duration.ofSeconds(20), () -> rig.byNumber(callerId)
                    .map(r -> rig.gateway().store().parties().of(r.id())).orElse(List.of()).stream()
                    .anyMatch(p -> p.role() == RecordedParty.Role.ANSWERED))) {
                throw new AssertionError("the agent never joined the recorded conference of " + callerId);
            }
            Thread.sleep(thirdAfterMillis);
            Instant asked = Instant.now();
            join("PJSIP/agent2", dialed);
            List<Integer> exits = List.of(caller.await(), agent.await(), third.await());
            return new Call(endedOf(callerId), asked, exits);
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
        ManagerResponse response = ami.sendAction(originate, 5_000);
        if (!"Success".equalsIgnoreCase(response.getResponse())) {
            throw new AssertionError("Asterisk refused to originate " + endpoint + ": " + response.getMessage());
        }
    }

    /** Every recording of the call, once none is active any more, oldest first. */
    private List<Recording> endedOf(String callerId) throws InterruptedException {
        java.util.function.Supplier<List<Recording>> all = () -> rig.gateway().store().find(new RecordingQuery(Optional.empty(),
                Optional.empty(), Optional.of(callerId), Optional.empty(), Optional.empty(), Optional.empty(), 10)).stream()
                .sorted(Comparator.comparing(Recording::started)).toList();
        if (!AsteriskRig.eventually(Duration.ofSeconds(30), () -> !all.get().isEmpty()
                && all.get().stream().allMatch(r -> r.status() != RecordingStatus.ACTIVE))) {
            throw new AssertionError("the recordings of " + callerId + " were never all filed: " + all.get());
        }
        return all.get();
    }

    @Override
    public void close() throws Exception {
        try {
            ami.logoff();
        } finally {
            rig.close();
        }
    }
}
