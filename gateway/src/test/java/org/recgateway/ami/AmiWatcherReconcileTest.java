package org.recgateway.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.AuditNotes;
import org.recgateway.recording.Evidence;
import org.recgateway.recording.PurposeSet;
import org.recgateway.recording.RecordedCall;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingFiler;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.RecordingStore;
import org.recgateway.testing.InMemoryAuditTrail;
import org.recgateway.testing.InMemoryRecordingStore;

/**
 * The periodic AMI reconciliation never takes a call that just ended for never bridged (issue #13): it waits for the
 * ordered events queued before it (fix 10d1ade), and a channel counts as gone only when two lists in a row miss it,
 * for recordings started before the first (asterisk-java's event queue can lag behind an action's answer).
 */
class AmiWatcherReconcileTest {
    private static final String SERVER = "pbx1";
    private static final Instant STARTED = Instant.parse("2026-11-29T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:05:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final InMemoryRecordingStore memory = new InMemoryRecordingStore();
    /** Opened when the test lets the queued bridge mark reach the store. */
    private final CountDownLatch markMayGoOn = new CountDownLatch(1);
    /** The store as the filer sees it: a bridge mark waits until {@link #markMayGoOn} opens. */
    private final RecordingStore store = (RecordingStore) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {RecordingStore.class}, (proxy, method, args) -> {
                if (method.getName().equals("bridged")) {
                    assertTrue(markMayGoOn.await(60, TimeUnit.SECONDS), "the test never let the bridge mark go on");
                }
                try {
                    return method.invoke(memory, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });

    @Test
    void aReconciliationWaitsForTheQueuedBridgeMarkOfACallThatJustHungUp() throws Exception {
        Path file = Files.write(dir.resolve("a.raw"), new byte[4_000]);
        memory.insert(Recording.active("a", new RecordedCall("1.8", "1.0", "PJSIP/x-1", "0611", "1001"),
                new Evidence("default", null, null), new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST,
                        Duration.ofDays(30), null, List.of()), file.toString(), STARTED));
        RecordingFiler filer = new RecordingFiler(store, CLOCK, GatewayMetrics.NOOP, Duration.ZERO,
                new AuditNotes(new InMemoryAuditTrail(Clock.systemUTC())));
        filer.firstServer(SERVER);
        filer.watchingBridgesSince(SERVER, STARTED.minusSeconds(60));  // watched without a gap: never bridged is decidable
        ManagerConnection connection = mock(ManagerConnection.class);
        when(connection.getState()).thenReturn(ManagerConnectionState.CONNECTED);
        ResponseEvents noLiveChannels = mock(ResponseEvents.class);
        when(noLiveChannels.getEvents()).thenReturn(List.of());  // the call has hung up
        when(connection.sendEventGeneratingAction(any(EventGeneratingAction.class), anyLong())).thenReturn(noLiveChannels);
        AmiWatcher watcher = new AmiWatcher(SERVER, connection, Duration.ofSeconds(20), Duration.ofSeconds(5), filer);
        try {
            watcher.reconcile();  // the first list: a channel missing from it is judged by the next one
            Thread.sleep(2);
            watcher.onManagerEvent(bridgeEnter("1.8", "1.0"));  // its mark is queued, and held at the store

            Thread reconciliation = Thread.ofPlatform().name("reconciliation").start(watcher::reconcile);
            // Either it waits for the queued mark (parked) or, without the wait, it files at once and ends.
            awaitParkedOrDone(reconciliation);
            markMayGoOn.countDown();
            reconciliation.join(TimeUnit.SECONDS.toMillis(60));

            Recording r = memory.byId("a").orElseThrow();
            assertEquals(RecordingStatus.FILED, r.status(), "the bridged call's audio is kept, not deleted as never bridged");
            assertEquals(4_000L, r.sizeBytes());
        } finally {
            markMayGoOn.countDown();
            watcher.close();
        }
    }

    /**
     * asterisk-java hands the CoreShowChannels answer over at once but queues events: the answer can say a call is gone
     * while its BridgeEnter has not reached the gateway yet. One list is not enough to file it: the next one is, after
     * the late events were handled.
     */
    @Test
    void aCallMissingFromOneListIsNotFiledBeforeItsLateEventsAreHandled() throws Exception {
        markMayGoOn.countDown();  // bridge marks reach the store at once here
        Path file = Files.write(dir.resolve("b.raw"), new byte[4_000]);
        memory.insert(active("b", "2.8", file, STARTED));
        AmiWatcher watcher = watcher(filer());
        try {
            watcher.reconcile();  // the call hung up; its BridgeEnter is still in asterisk-java's queue
            assertEquals(RecordingStatus.ACTIVE, memory.byId("b").orElseThrow().status(),
                    "one list that misses the channel must not file it: its events may still be on their way");
            watcher.onManagerEvent(bridgeEnter("2.8", "2.0"));  // the late event arrives
            Thread.sleep(2);
            watcher.reconcile();
            Recording r = memory.byId("b").orElseThrow();
            assertEquals(RecordingStatus.FILED, r.status(), "missing from two lists: filed, as the bridged call it was");
            assertEquals(4_000L, r.sizeBytes());
        } finally {
            watcher.close();
        }
    }

    /** A recording that started after a list is not judged by it: only the lists after its start can say it is gone. */
    @Test
    void aRecordingStartedAfterTheFirstListWaitsForTwoListsOfItsOwn() throws Exception {
        markMayGoOn.countDown();
        AmiWatcher watcher = watcher(filer());
        try {
            watcher.reconcile();
            Thread.sleep(2);
            Path file = Files.write(dir.resolve("c.raw"), new byte[4_000]);
            memory.insert(active("c", "3.8", file, Instant.now()));
            Thread.sleep(2);
            watcher.reconcile();
            assertEquals(RecordingStatus.ACTIVE, memory.byId("c").orElseThrow().status(),
                    "started after the first list: that list cannot tell whether its channel was gone");
            Thread.sleep(2);
            watcher.reconcile();
            assertTrue(memory.byId("c").orElseThrow().status() != RecordingStatus.ACTIVE,
                    "missing from two lists taken after it started: taken out of the active state");
        } finally {
            watcher.close();
        }
    }

    private static Recording active(String id, String uniqueId, Path file, Instant started) {
        return Recording.active(id, new RecordedCall(uniqueId, uniqueId.replace(".8", ".0"), "PJSIP/x-1", "0611", "1001"),
                new Evidence("default", null, null), new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST,
                        Duration.ofDays(30), null, List.of()), file.toString(), started);
    }

    private RecordingFiler filer() {
        RecordingFiler filer = new RecordingFiler(store, CLOCK, GatewayMetrics.NOOP, Duration.ZERO,
                new AuditNotes(new InMemoryAuditTrail(Clock.systemUTC())));
        filer.firstServer(SERVER);
        filer.watchingBridgesSince(SERVER, STARTED.minusSeconds(60));
        return filer;
    }

    private static AmiWatcher watcher(RecordingFiler filer) {
        ManagerConnection connection = mock(ManagerConnection.class);
        when(connection.getState()).thenReturn(ManagerConnectionState.CONNECTED);
        ResponseEvents noLiveChannels = mock(ResponseEvents.class);
        when(noLiveChannels.getEvents()).thenReturn(List.of());
        try {
            when(connection.sendEventGeneratingAction(any(EventGeneratingAction.class), anyLong())).thenReturn(noLiveChannels);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return new AmiWatcher(SERVER, connection, Duration.ofSeconds(20), Duration.ofSeconds(5), filer);
    }

    private static BridgeEnterEvent bridgeEnter(String uniqueId, String linkedId) {
        BridgeEnterEvent enter = new BridgeEnterEvent(AmiWatcherReconcileTest.class);
        enter.setBridgeUniqueId("bridge-1");
        enter.setBridgeType("basic");
        enter.setBridgeNumChannels(2);
        enter.setUniqueId(uniqueId);
        enter.setLinkedId(linkedId);
        enter.setChannel("PJSIP/x-1");
        return enter;
    }

    private static void awaitParkedOrDone(Thread thread) throws InterruptedException {
        EnumSet<Thread.State> settled = EnumSet.of(Thread.State.WAITING, Thread.State.TIMED_WAITING, Thread.State.TERMINATED);
        for (int i = 0; i < 60_000 && !settled.contains(thread.getState()); i++) {
            Thread.sleep(1);
        }
        assertTrue(settled.contains(thread.getState()), "the reconciliation neither waited nor finished: " + thread.getState());
    }
}
