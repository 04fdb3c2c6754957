package org.recgateway.e2e;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.response.ManagerResponse;
import org.recgateway.recording.RecordedParty;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingQuery;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.GatewayRig;

/**
 * The rig (real Asterisk 22 and the gateway) plus the test's own AMI connection (user {@code rig}), through which a
 * test does what a phone's keys or a PBX's features do: transfers, conference joins. Shared by {@link TransferCalls}
 * and {@link ConferenceCalls}.
 */
final class RigWithAmi implements AutoCloseable {
    private final GatewayRig rig;
    private final ManagerConnection ami;

    private RigWithAmi(GatewayRig rig, ManagerConnection ami) {
        this.rig = rig;
        this.ami = ami;
    }

    /** The rig with the gateway configured by {@code gatewayYaml} (more sections, then the policy), AMI logged in. */
    static RigWithAmi start(String name, String gatewayYaml) throws Exception {
        GatewayRig rig = GatewayRig.start(name, gatewayYaml);
        try {
            ManagerConnection ami = new ManagerConnectionFactory("127.0.0.1", AsteriskRig.AMI_PORT, "rig", "rig-secret")
                    .createManagerConnection();
            ami.login();
            return new RigWithAmi(rig, ami);
        } catch (Exception e) {
            rig.close();
            throw e;
        }
    }

    GatewayRig rig() {
        return rig;
    }

    /** Sends {@code action} over AMI; fails the test unless Asterisk answers Success. */
    void send(ManagerAction action) throws Exception {
        ManagerResponse response = ami.sendAction(action, 5_000);
        if (!"Success".equalsIgnoreCase(response.getResponse())) {
            throw new AssertionError("Asterisk refused " + action.getAction() + ": " + response.getMessage());
        }
    }

    /**
     * The channel of the party who answered the recorded call from {@code callerId}, once the gateway lists them (the
     * agent heard that the call is recorded, or joined its conference); fails after 40 s.
     */
    String answeredBy(String callerId) throws InterruptedException {
        java.util.function.Supplier<Optional<RecordedParty>> answered = () -> rig.byNumber(callerId)
                .map(r -> rig.gateway().store().parties().of(r.id())).orElse(List.of()).stream()
                .filter(p -> p.role() == RecordedParty.Role.ANSWERED).findFirst();
        if (!AsteriskRig.eventually(Duration.ofSeconds(40), () -> answered.get().isPresent())) {
            throw new AssertionError("nobody answered the recorded call from " + callerId + ": " + rig.byNumber(callerId));
        }
        return answered.get().orElseThrow().channel();
    }

    /** Every recording of the call from {@code callerId}, once none is active any more, oldest first. */
    List<Recording> endedOf(String callerId) throws InterruptedException {
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
