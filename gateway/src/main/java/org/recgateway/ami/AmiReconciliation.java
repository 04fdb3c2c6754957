package org.recgateway.ami;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.recgateway.recording.RecordingFiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files the active recordings of one Asterisk server whose channel is gone (a lost Hangup, a filing that failed): lists
 * the live channels over AMI, waits for the bridge marks and hangups queued before the list, and files by the
 * {@link TwoLists} rule. Runs on every (re)connect, with a confirming second list {@link #CONFIRM_AFTER} later, and
 * periodically ({@code recordings.reconcileInterval}); does nothing while AMI is not logged in.
 */
final class AmiReconciliation {
    private static final Logger LOG = LoggerFactory.getLogger(AmiReconciliation.class);

    /** How long a reconciliation waits for the events queued before it (bridge marks) to be done. */
    static final int ORDERED_EVENTS_WAIT_SECONDS = 60;

    /**
     * How long after a (re)connect's reconciliation a second one lists the channels again, so that recordings whose
     * calls ended during the outage are filed then, not one whole {@code recordings.reconcileInterval} later (one list
     * is not enough: see {@link TwoLists}). Long enough for asterisk-java's event queue to catch up (a lag of 1.2 s was
     * seen under load in the bench).
     */
    static final Duration CONFIRM_AFTER = Duration.ofSeconds(10);

    private final String server;
    private final ManagerConnection connection;
    private final ExecutorService inOrder;
    private final RecordingFiler filer;
    private final Clock clock;
    private final Duration confirmAfter;
    private final TwoLists lists = new TwoLists();

    /**
     * @param inOrder      the watcher's queue of bridge marks and hangups, in Asterisk's order: a list is judged only
     *                     after what was queued before it is done
     * @param confirmAfter the pause before a (re)connect's second list ({@link #CONFIRM_AFTER} in the gateway)
     */
    AmiReconciliation(String server, ManagerConnection connection, ExecutorService inOrder, RecordingFiler filer,
                      Clock clock, Duration confirmAfter) {
        this.server = server;
        this.connection = connection;
        this.inOrder = inOrder;
        this.filer = filer;
        this.clock = clock;
        this.confirmAfter = confirmAfter;
    }

    /** A reconciliation at a (re)connect and its confirming second list {@code confirmAfter} later; blocks meanwhile. */
    void reconcileAndConfirm() {
        reconcile();
        try {
            Thread.sleep(confirmAfter);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;  // closing
        }
        reconcile();
    }

    /**
     * Lists the live channels and files what the {@link TwoLists} rule finds gone; a failure is logged and left for the
     * next run.
     */
    void reconcile() {
        if (connection.getState() != ManagerConnectionState.CONNECTED) {
            return;
        }
        try {
            Instant asked = clock.instant();
            Set<String> live = new HashSet<>();
            for (CoreShowChannelEvent channel : AmiChannels.list(connection)) {
                if (channel.getUniqueid() != null) {
                    live.add(channel.getUniqueid());
                }
            }
            // The ordered queue too: a bridge mark handed to it must be durable before a filing decides (10d1ade).
            inOrder.submit(() -> { }).get(ORDERED_EVENTS_WAIT_SECONDS, TimeUnit.SECONDS);
            Optional<TwoLists.Gone> gone = lists.listed(live, asked);
            if (gone.isEmpty()) {
                LOG.debug("AMI reconciliation: {} live channels listed; a channel missing now is filed if the next list misses it too",
                        live.size());
                return;
            }
            int filed = filer.reconciliation().reconcile(server, gone.get().live(), gone.get().startedBefore());
            if (filed > 0) {
                LOG.info("AMI reconciliation: {} live channels, {} ended recordings filed", live.size(), filed);
            } else {
                LOG.debug("AMI reconciliation: {} live channels, nothing to file", live.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();  // closing
        } catch (Exception e) {
            LOG.warn("AMI reconciliation failed ({}); it runs again at the next interval or (re)connect", e.getMessage());
        }
    }
}
