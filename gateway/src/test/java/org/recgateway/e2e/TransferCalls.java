package org.recgateway.e2e;

import java.time.Instant;
import java.util.List;

import org.asteriskjava.manager.action.AbstractManagerAction;
import org.asteriskjava.manager.action.AtxferAction;
import org.recgateway.recording.Recording;
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

    private final RigWithAmi base;
    private final GatewayRig rig;
    private final long beforeBridge;
    private final long agentTold;

    private TransferCalls(RigWithAmi base) {
        this.base = base;
        this.rig = base.rig();
        this.beforeBridge = rig.millis("notice-quality-will", "nl") + rig.millis("question-objection", "nl") + 1_000;
        this.agentTold = rig.millis("confirmation-recording-started", "nl");
    }

    /** The rig with the gateway configured by {@code transfersYaml} (a {@code transfers:} section, or empty). */
    static TransferCalls start(String name, String transfersYaml) throws Exception {
        return new TransferCalls(RigWithAmi.start(name, transfersYaml + POLICY));
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
            String agentChannel = base.answeredBy(callerId);
            Thread.sleep(2_000);
            Instant asked = Instant.now();
            base.send(new BlindTransfer(agentChannel, "transfer-target", "7000"));
            List<Integer> exits = List.of(caller.await(), agent.await(), third.await());
            return new Call(base.endedOf(callerId), agentChannel, asked, exits);
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
            String agentChannel = base.answeredBy(callerId);
            Thread.sleep(2_000);
            Instant asked = Instant.now();
            AtxferAction atxfer = new AtxferAction();
            atxfer.setChannel(agentChannel);
            atxfer.setContext("transfer-target");
            atxfer.setExten("7000");
            base.send(atxfer);
            List<Integer> exits = List.of(caller.await(), agent.await(), third.await());
            return new Call(base.endedOf(callerId), agentChannel, asked, exits);
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

    @Override
    public void close() throws Exception {
        base.close();
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
