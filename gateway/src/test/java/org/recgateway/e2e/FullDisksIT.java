package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.SippAgent;
import org.recgateway.testing.SippCall;
import org.recgateway.testing.SmallDisk;

/**
 * What a real full disk and a lost AMI event do to real calls through Asterisk 22 (SIPp caller and agent): the store
 * on a small tmpfs filled during calls and then freed (calls connect throughout, recording resumes without a
 * restart, the recording whose filing failed is filed later with its own end time); the recordings disk below its
 * floor and filled during a call (never a good recording of audio that could not be written); a Hangup event lost
 * to an AMI event filter on the gateway's own user (the periodic reconciliation files the recording).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FullDisksIT {
    private static final long TALK_MILLIS = 8_000;
    private static GatewayRig rig;
    private static Path storeMount;
    private static Path recordingsMount;

    @BeforeAll
    static void start() throws Exception {
        Path out = Path.of("target", "e2e", "full-disks").toAbsolutePath();
        SmallDisk.unmount(out.resolve("store"));
        rig = GatewayRig.start("full-disks", AgentStopsRecordingIT.POLICY, "  reconcileInterval: 2s\n  minFreeMegabytes: 2\n", dir -> {
            storeMount = Files.createDirectories(dir.resolve("store"));
            SmallDisk.mount(storeMount, "8m");
        });
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (rig != null) {
                rig.close();
            }
        } finally {
            SmallDisk.unmount(recordingsMount);
            SmallDisk.unmount(storeMount);
        }
    }

    private static long beforeDial() {
        return rig.millis("notice-quality-will", "nl") + rig.millis("question-objection", "nl") + 1_000;
    }

    private record Call(SippCall caller, SippAgent agent) {
        void awaitConnected() throws Exception {
            assertEquals(0, caller.await(), "the caller's call completed: " + caller.log());
            assertEquals(0, agent.await(), "the agent's call completed");
        }
    }

    /** One call from {@code number} through Asterisk to the agent's phone, talking on both sides. */
    private static Call call(String name, String dialed, String number) throws Exception {
        SippAgent agent = SippAgent.start(name, List.of(new SippAgent.Press(TALK_MILLIS - 3_000, "")), rig.sippLogs());
        Thread.sleep(300);
        return new Call(SippCall.startTalking(name, dialed, number, beforeDial() + TALK_MILLIS, rig.sippLogs()), agent);
    }

    private static double meter(String key) {
        Object v = rig.gateway().metrics().snapshot().get(key);
        return v == null ? 0 : ((Number) v).doubleValue();
    }

    @Test
    @Order(1)
    void aStoreFilledDuringCallsLosesNoCallAndRecordingResumesWithoutARestartOnceItIsFreed() throws Exception {
        String running = "0671000001";
        String whileFull = "0671000002";
        String afterwards = "0671000003";
        double refusedBefore = meter("gateway.calls{reason=store-unavailable,status=not-recorded}");

        Call first = call("store-running", "1702", running);
        assertTrue(AsteriskRig.eventually(Duration.ofSeconds(30), () -> rig.byNumber(running)
                .flatMap(r -> rig.gateway().store().callFacts(r.id())).map(f -> f.mixMonitorId() != null).orElse(false)),
                "the first call is being recorded");
        Path filler = SmallDisk.fill(storeMount, 0);
        try {
            whileTheStoreIsFull(first, running, whileFull, refusedBefore);
        } finally {
            Files.deleteIfExists(filler);
        }
        Call third = call("store-freed", "1704", afterwards);
        third.awaitConnected();
        Recording resumed = rig.ended(afterwards);
        assertEquals(RecordingStatus.FILED, resumed.status(), "recording resumed without a restart: " + resumed);
        assertTrue(rig.audio(resumed).length >= (TALK_MILLIS - 2_000) * 16, "whole: " + rig.audio(resumed).length + " bytes");
        assertEquals(1.0, meter("gateway.store.writable"));

        Recording late = rig.ended(running);
        assertEquals(RecordingStatus.FILED, late.status(), "the failed filing was retried: " + late);
        assertTrue(Duration.between(late.ended(), firstEnded).abs().compareTo(Duration.ofSeconds(3)) < 0,
                "its end time is the call's (" + firstEnded + "), not the filing's: " + late.ended());
        for (Recording r : rig.all()) {
            assertTrue(r.status() != RecordingStatus.FILED || r.sizeBytes() > 44, "nothing filed that is not whole: " + r);
        }
    }

    private static Instant firstEnded;

    private static void whileTheStoreIsFull(Call first, String running, String whileFull, double refusedBefore) throws Exception {
        first.awaitConnected();
        firstEnded = Instant.now();
        Thread.sleep(3_000);
        assertEquals(RecordingStatus.ACTIVE, rig.byNumber(running).orElseThrow().status(), "cannot be filed while the store is full");

        Call second = call("store-full", "1703", whileFull);
        second.awaitConnected();
        assertEquals(Optional.empty(), rig.byNumber(whileFull), "nothing recorded while the store is full");
        assertEquals(1.0, meter("gateway.calls{reason=store-unavailable,status=not-recorded}") - refusedBefore);
        assertEquals(0.0, meter("gateway.store.writable"));

    }

    @Test
    @Order(2)
    void aRecordingsDiskBelowItsFloorOrFilledDuringACallNeverGivesAGoodRecordingOfAudioThatWasNotWritten() throws Exception {
        recordingsMount = rig.asterisk().recordingsDirectory();
        Files.createDirectories(recordingsMount);
        SmallDisk.mount(recordingsMount, "4m");
        String low = "0672000001";
        String filled = "0672000002";

        Path belowFloor = SmallDisk.fill(recordingsMount, 1_500_000);  // below the 2 MB floor
        try {
            Call refused = call("disk-low", "1705", low);
            refused.awaitConnected();
        } finally {
            Files.delete(belowFloor);
        }
        assertEquals(Optional.empty(), rig.byNumber(low), "no recording starts below the floor");
        assertEquals(1.0, meter("gateway.calls{reason=recordings-disk-low,status=not-recorded}"));

        Call cut = call("disk-filled", "1706", filled);
        assertTrue(AsteriskRig.eventually(Duration.ofSeconds(30), () -> rig.byNumber(filled)
                .flatMap(r -> rig.gateway().store().callFacts(r.id())).map(f -> f.mixMonitorId() != null).orElse(false)),
                "recording started above the floor");
        Thread.sleep(2_000);  // two seconds of audio, then the disk is full for the rest of the call
        Path full = SmallDisk.fill(recordingsMount, 0);
        try {
            cut.awaitConnected();
            Thread.sleep(2_000);
        } finally {
            Files.delete(full);  // room to seal what there is
        }
        Recording r = rig.ended(filled);
        assertEquals(RecordingStatus.INCOMPLETE, r.status(), "audio that could not be written is not a good recording: " + r);
    }

    @Test
    @Order(3)
    void aHangupEventLostToAnAmiEventFilterIsMadeUpForByThePeriodicReconciliation() throws Exception {
        Path manager = rig.asterisk().chrootDirectory().resolve("etc/asterisk-rig/manager_recording_gateway.conf");
        String shipped = Files.readString(manager);
        Files.writeString(manager, shipped.replace("[recgateway]\n", "[recgateway]\neventfilter = !Event: Hangup\n"));
        try {
            rig.asterisk().cli("manager reload");
            rig.restartGateway();  // logs in again, now with the filter
            assertTrue(AsteriskRig.eventually(Duration.ofSeconds(20), () -> meter("gateway.ami.logged.in") == 1.0), "AMI logged in");
            String number = "0673000001";
            Call call = call("lost-hangup", "1707", number);
            call.awaitConnected();
            Instant ended = Instant.now();
            Recording r = rig.ended(number);
            assertEquals(RecordingStatus.FILED, r.status(), r.toString());
            assertTrue(Duration.between(r.ended(), ended).abs().compareTo(Duration.ofSeconds(3)) < 0,
                    "end time " + r.ended() + " is the call's end " + ended);
        } finally {
            Files.writeString(manager, shipped);
            rig.asterisk().cli("manager reload");
        }
    }
}
