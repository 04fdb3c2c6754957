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
 * The periodic AMI reconciliation waits for the ordered events queued before it (fix 10d1ade, issue #13): a call that
 * hung up just before the reconciliation listed the live channels, whose bridge mark is still queued, is filed as the
 * bridged call it was, not deleted as "never bridged".
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
