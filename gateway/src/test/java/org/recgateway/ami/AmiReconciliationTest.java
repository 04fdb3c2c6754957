package org.recgateway.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.junit.jupiter.api.AfterEach;
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
import org.recgateway.testing.InMemoryAuditTrail;
import org.recgateway.testing.InMemoryRecordingStore;

/** The reconciliation's scheduling: a (re)connect lists twice, the second list a pause later; nothing while logged out. */
class AmiReconciliationTest {
    private static final String SERVER = "pbx1";

    @TempDir
    Path dir;

    private final InMemoryRecordingStore store = new InMemoryRecordingStore();
    private final ExecutorService inOrder = Executors.newSingleThreadExecutor();
    private final ManagerConnection connection = mock(ManagerConnection.class);

    @AfterEach
    void stop() {
        inOrder.shutdownNow();
    }

    @Test
    void aReconnectsSecondListFilesACallThatEndedDuringTheOutageWithoutWaitingForTheNextInterval() throws Exception {
        RecordingFiler filer = filerWithActive("a", "1.8", Instant.now().minusSeconds(60));
        loggedInWithNoLiveChannels();
        AmiReconciliation reconciliation = new AmiReconciliation(SERVER, connection, inOrder, filer, Clock.systemUTC(),
                Duration.ofMillis(20));

        reconciliation.reconcileAndConfirm();

        verify(connection, times(2)).sendEventGeneratingAction(any(EventGeneratingAction.class), anyLong());
        assertEquals(RecordingStatus.FILED, store.byId("a").orElseThrow().status(),
                "missing from the reconnect's list and from its confirming second list: filed");
    }

    @Test
    void oneListAloneFilesNothing() throws Exception {
        RecordingFiler filer = filerWithActive("b", "2.8", Instant.now().minusSeconds(60));
        loggedInWithNoLiveChannels();
        AmiReconciliation reconciliation = new AmiReconciliation(SERVER, connection, inOrder, filer, Clock.systemUTC(),
                Duration.ofMillis(20));

        reconciliation.reconcile();

        assertEquals(RecordingStatus.ACTIVE, store.byId("b").orElseThrow().status());
    }

    @Test
    void nothingIsListedWhileAmiIsNotLoggedIn() throws Exception {
        RecordingFiler filer = filerWithActive("c", "3.8", Instant.now().minusSeconds(60));
        when(connection.getState()).thenReturn(ManagerConnectionState.RECONNECTING);
        AmiReconciliation reconciliation = new AmiReconciliation(SERVER, connection, inOrder, filer, Clock.systemUTC(),
                Duration.ofMillis(20));

        reconciliation.reconcileAndConfirm();

        verify(connection, never()).sendEventGeneratingAction(any(EventGeneratingAction.class), anyLong());
        assertEquals(RecordingStatus.ACTIVE, store.byId("c").orElseThrow().status());
    }

    private void loggedInWithNoLiveChannels() throws Exception {
        when(connection.getState()).thenReturn(ManagerConnectionState.CONNECTED);
        ResponseEvents none = mock(ResponseEvents.class);
        when(none.getEvents()).thenReturn(List.of());
        when(connection.sendEventGeneratingAction(any(EventGeneratingAction.class), anyLong())).thenReturn(none);
    }

    private RecordingFiler filerWithActive(String id, String uniqueId, Instant started) throws Exception {
        Path file = Files.write(dir.resolve(id + ".raw"), new byte[4_000]);
        store.insert(Recording.active(id, new RecordedCall(uniqueId, uniqueId.replace(".8", ".0"), "PJSIP/x-1", "0611", "1001"),
                new Evidence("default", null, null), new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST,
                        Duration.ofDays(30), null, List.of()), file.toString(), started));
        RecordingFiler filer = new RecordingFiler(store, Clock.systemUTC(), GatewayMetrics.NOOP, Duration.ZERO,
                new AuditNotes(new InMemoryAuditTrail(Clock.systemUTC())));
        filer.firstServer(SERVER);
        return filer;
    }
}
