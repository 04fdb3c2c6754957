package org.recgateway.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.AbstractManagerAction;
import org.asteriskjava.manager.action.AtxferAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.response.ManagerResponse;
import org.recgateway.recording.RecordedParty;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.SippAgent;
import org.recgateway.testing.SippCall;

/**
 * Recorded calls that the agent transfers to a third phone, on the real Asterisk 22: a SIPp caller dials 50xx
 * (rig context {@code transfer-call}), the agent's SIPp answers and hears that the call is recorded, and then
 * the test does over AMI what the agent's transfer key does: {@code BlindTransfer} of the agent's channel, or
 * {@code Atxfer} (Asterisk's attended transfer: the agent consults the third phone, then hangs up to complete).
 * The third phone is the SIPp on {@link AsteriskRig#AGENT2_PORT} ({@code 7000@transfer-target}).
 */
final class TransferCalls implements AutoCloseable {
    static final String POLICY = """
            policy:
              defaultLanguage: nl
              default:
                record: {purpose: quality, notice: notice-quality-will, retention: 30d, objection: {window: 1s}}
            """;

    /**
     * One transferred call: its recordings, oldest first (the one before the transfer; with the notice rule also the
     * continuation after it), the agent's channel, when the transfer was asked, and the SIPp exits (caller, agent, third).
     */
    record Call(List<Recording> recordings, String agentChannel, Instant transferAsked, List<Integer> sippExits) {
        Recording recording() {
            return recordings.getFirst();
        }
    }

    private final GatewayRig rig;
    private final ManagerConnection ami;
    private final long beforeBridge;
    private final long agentTold;

    private TransferCalls(GatewayRig rig, ManagerConnection ami) {
        this.rig = rig;
        this.ami = ami;
        this.beforeBridge = rig.millis("notice-quality-will", "nl") + rig.millis("question-objection", "nl") + 1_000;
        this.agentTold = rig.millis("confirmation-recording-started", "nl");
    }

    /** The rig with the gateway configured by {@code transfersYaml} (a {@code transfers:} section, or empty). */
    static TransferCalls start(String name, String transfersYaml) throws Exception {
        GatewayRig rig = GatewayRig.start(name, transfersYaml + POLICY);
        ManagerConnection ami = new ManagerConnectionFactory("127.0.0.1", AsteriskRig.AMI_PORT, "rig", "rig-secret")
                .createManagerConnection();
        ami.login();
        return new TransferCalls(rig, ami);
    }

    GatewayRig rig() {
        return rig;
    }

    /** How long a notice prompt plays, in ms. */
    long noticeMillis() {
        return rig.millis("notice-quality-will", "nl");
    }

    /** The agent blind-transfers the call to the third phone 2 s after the bridge; the caller talks on with the third. */
    Call blind(String dialed, String callerId) throws Exception {
        SippAgent third = SippAgent.startTalkingUntilHungUp("third-" + dialed, AsteriskRig.AGENT2_PORT, AsteriskRig.AGENT2_MEDIA_PORT, rig.sippLogs());
        SippAgent agent = SippAgent.start("agent-" + dialed, AsteriskRig.AGENT_PORT, AsteriskRig.AGENT_MEDIA_PORT, List.of(), rig.sippLogs());
        Thread.sleep(300);
        SippCall caller = SippCall.startTalking(dialed, dialed, callerId, beforeBridge + agentTold + 22_000, rig.sippLogs());
        Thread bridges = watchBridges(dialed);
        try {
            String agentChannel = answeredBy(callerId);
            Thread.sleep(2_000);
            Instant asked = Instant.now();
            send(new BlindTransfer(agentChannel, "transfer-target", "7000"));
            List<Integer> exits = List.of(caller.await(), agent.await(), third.await());
            return new Call(endedOf(callerId), agentChannel, asked, exits);
        } finally {
            bridges.interrupt();
            caller.stop();
            agent.stop();
            third.stop();
        }
    }

    /**
     * The agent starts an attended transfer to the third phone 2 s after the bridge, talks with the third for about
     * 4 s, and hangs up: Asterisk then bridges the caller with the third.
     */
    Call attended(String dialed, String callerId) throws Exception {
        SippAgent third = SippAgent.startTalkingUntilHungUp("third-" + dialed, AsteriskRig.AGENT2_PORT, AsteriskRig.AGENT2_MEDIA_PORT, rig.sippLogs());
        SippAgent agent = SippAgent.startHangingUp("agent-" + dialed, AsteriskRig.AGENT_PORT, AsteriskRig.AGENT_MEDIA_PORT, agentTold + 6_500, rig.sippLogs());
        Thread.sleep(300);
        SippCall caller = SippCall.startTalking(dialed, dialed, callerId, beforeBridge + agentTold + 22_000, rig.sippLogs());
        Thread bridges = watchBridges(dialed);
        try {
            String agentChannel = answeredBy(callerId);
            Thread.sleep(2_000);
            Instant asked = Instant.now();
            AtxferAction atxfer = new AtxferAction();
            atxfer.setChannel(agentChannel);
            atxfer.setContext("transfer-target");
            atxfer.setExten("7000");
            send(atxfer);
            List<Integer> exits = List.of(caller.await(), agent.await(), third.await());
            return new Call(endedOf(callerId), agentChannel, asked, exits);
        } finally {
            bridges.interrupt();
            caller.stop();
            agent.stop();
            third.stop();
        }
    }

    /** Writes Asterisk's {@code bridge show all} every second into the test's output, to show which bridge technology ran. */
    private Thread watchBridges(String dialed) {
        java.nio.file.Path out = rig.out().resolve("bridges-" + dialed + ".txt");
        return Thread.ofVirtual().start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    java.nio.file.Files.writeString(out, Instant.now() + "\n" + rig.asterisk().cli("bridge show all") + "\n",
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                    Thread.sleep(1_000);
                }
            } catch (Exception e) {
                // interrupted: the call is over
            }
        });
    }

    /** The agent's channel, once the agent heard that the call is recorded (the gateway then lists the agent). */
    private String answeredBy(String callerId) throws InterruptedException {
        if (!AsteriskRig.eventually(Duration.ofSeconds(40), () -> rig.byNumber(callerId)
                .map(r -> rig.gateway().store().parties().of(r.id())).orElse(List.of()).stream()
                .anyMatch(p -> p.role() == RecordedParty.Role.ANSWERED))) {
            throw new AssertionError("the agent never answered the recorded call from " + callerId + ": " + rig.byNumber(callerId));
        }
        Recording r = rig.byNumber(callerId).orElseThrow();
        return rig.gateway().store().parties().of(r.id()).stream().filter(p -> p.role() == RecordedParty.Role.ANSWERED)
                .findFirst().orElseThrow().channel();
    }

    /** Every recording of the call, once none is active any more, oldest first. */
    private List<Recording> endedOf(String callerId) throws InterruptedException {
        java.util.function.Supplier<List<Recording>> all = () -> rig.gateway().store().find(new org.recgateway.recording.RecordingQuery(
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.of(callerId), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), 10)).stream()
                .sorted(java.util.Comparator.comparing(Recording::started)).toList();
        if (!AsteriskRig.eventually(Duration.ofSeconds(30), () -> !all.get().isEmpty()
                && all.get().stream().allMatch(r -> r.status() != RecordingStatus.ACTIVE))) {
            throw new AssertionError("the recordings of " + callerId + " were never all filed: " + all.get());
        }
        return all.get();
    }

    private void send(ManagerAction action) throws Exception {
        ManagerResponse response = ami.sendAction(action, 5_000);
        if (!"Success".equalsIgnoreCase(response.getResponse())) {
            throw new AssertionError("Asterisk refused " + action.getAction() + ": " + response.getMessage());
        }
    }

    @Override
    public void close() throws Exception {
        try {
            ami.logoff();
        } finally {
            rig.close();
        }
    }

    /** AMI {@code BlindTransfer} (asterisk-java 3.42.2 has no class for it): transfers the channel's peer. */
    public static final class BlindTransfer extends AbstractManagerAction {
        private static final long serialVersionUID = 1L;
        private final String channel;
        private final String context;
        private final String exten;

        BlindTransfer(String channel, String context, String exten) {
            this.channel = channel;
            this.context = context;
            this.exten = exten;
        }

        @Override
        public String getAction() {
            return "BlindTransfer";
        }

        public String getChannel() {
            return channel;
        }

        public String getContext() {
            return context;
        }

        public String getExten() {
            return exten;
        }
    }
}
