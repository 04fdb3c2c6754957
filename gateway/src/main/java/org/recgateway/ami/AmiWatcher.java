package org.recgateway.ami;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.asteriskjava.manager.DefaultManagerConnection;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.PingThread;
import org.asteriskjava.manager.event.AttendedTransferEvent;
import org.asteriskjava.manager.event.BlindTransferEvent;
import org.asteriskjava.manager.event.BridgeDestroyEvent;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.BridgeLeaveEvent;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.MixMonitorStopEvent;
import org.recgateway.diagnostics.BothPartiesNotice;
import org.recgateway.diagnostics.CallLocator;
import org.recgateway.diagnostics.LineQualityProbe;
import org.recgateway.recording.AsteriskChannels;
import org.recgateway.recording.NewParties;
import org.recgateway.recording.Recorder;
import org.recgateway.recording.RecordingFiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches Asterisk over AMI so that recordings are filed when their call ends. Events arrive on
 * asterisk-java's single event-pump thread, which also delivers action responses, so every piece of
 * work is handed to an executor this class owns. When AMI drops and comes back, events missed in
 * between are not replayed: on every (re)connect {@link AmiReconciliation} lists the live channels and
 * files each active recording whose channel is gone. This class dispatches events and logs in.
 */
public final class AmiWatcher implements ManagerEventListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AmiWatcher.class);

    private final ManagerConnection connection;
    private final RecordingFiler filer;
    private final Duration retryInterval;
    private final PingThread ping;
    private final ExecutorService work = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("ami-work-", 0).factory());
    /** Bridge marks and hangups, one at a time in Asterisk's order (a hangup's filing itself runs on {@link #work}). */
    private final ExecutorService inOrder = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("ami-order-", 0).factory());
    private final Clock clock = Clock.systemUTC();
    private final AmiBridgeNotice bridgeNotice;
    private volatile boolean closed;
    private volatile NewParties newParties;
    private final BridgeMembers bridges = new BridgeMembers();
    private Thread connector;
    /** The name of the Asterisk server this connection watches; its events are matched to its recordings only. */
    private final String server;
    private final AmiReconciliation reconciliation;

    /**
     * A watcher of the Asterisk server named {@code server} (issue #17 item 3: one AMI connection per server): hangups,
     * bridges, transfers and the reconciliation touch only recordings that came from this server.
     *
     * @param server the server's name as recordings carry it ({@code ami.servers[].name}, or {@code ami.name} for the only one)
     */
    public AmiWatcher(String server, String host, int port, String username, String password, Duration pingInterval,
                      Duration retryInterval, RecordingFiler filer) {
        this(server, connection(host, port, username, password, pingInterval), pingInterval, retryInterval, filer);
    }

    /**
     * A watcher over a given connection (the seam unit tests drive events and reconciliations through); the public
     * constructor opens asterisk-java's own.
     */
    AmiWatcher(String server, ManagerConnection connection, Duration pingInterval, Duration retryInterval, RecordingFiler filer) {
        this.server = server;
        this.connection = connection;
        this.connection.addEventListener(this);
        this.connection.registerUserEventClass(RecordingGatewayNoticeEvent.class);
        this.bridgeNotice = new AmiBridgeNotice(connection, Clock.systemUTC());
        this.filer = filer;
        this.retryInterval = retryInterval;
        this.ping = new PingThread(connection);
        this.ping.setInterval(pingInterval.toMillis());
        this.ping.setDaemon(true);
        this.reconciliation = new AmiReconciliation(server, connection, inOrder, filer, clock, AmiReconciliation.CONFIRM_AFTER);
    }

    private static ManagerConnection connection(String host, int port, String username, String password, Duration pingInterval) {
        DefaultManagerConnection connection = new DefaultManagerConnection(host, port, username, password);
        connection.setSocketReadTimeout((int) pingInterval.multipliedBy(3).toMillis());
        connection.setDefaultResponseTimeout(5_000);
        connection.setKeepAliveAfterAuthenticationFailure(true);
        return connection;
    }

    /** Stops MixMonitors over this watcher's AMI connection. */
    public Recorder recorder() {
        return new AmiRecorder(connection);
    }

    /** Whether AMI is logged in now. */
    public boolean loggedIn() {
        return connection.getState() == ManagerConnectionState.CONNECTED;
    }

    /** Asks Asterisk about a live channel (to check what a FastAGI peer claims). */
    public AsteriskChannels channels() {
        return new AmiChannelVariables(connection);
    }

    /** Finds an agent's bridged call. */
    public CallLocator callLocator() {
        return new AmiCallLocator(connection);
    }

    /** Reads live channels' RTP statistics. */
    public LineQualityProbe lineQuality() {
        return new AmiLineQuality(connection);
    }

    /** Plays prompts into a call's bridge so that both parties hear them. */
    public BothPartiesNotice bothPartiesNotice() {
        return bridgeNotice;
    }

    /** Logs in in the background and keeps trying until Asterisk answers; the gateway does not wait for it. */
    public void start() {
        connector = Thread.ofPlatform().name("ami-connect").daemon(true).start(this::connectUntilLoggedIn);
    }

    private void connectUntilLoggedIn() {
        while (!closed) {
            try {
                connection.login();
                filer.watchingBridgesSince(server, clock.instant());
                LOG.info("AMI logged in to Asterisk {}", connection.getVersion());
                ping.start();
                work.execute(reconciliation::reconcileAndConfirm);
                return;
            } catch (Exception e) {
                LOG.warn("AMI login to {}:{} failed ({}); retrying in {} s. Recordings are filed once AMI is up.",
                        connection.getHostname(), connection.getPort(), e.getMessage(), retryInterval.toSeconds());
                try {
                    Thread.sleep(retryInterval);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public void onManagerEvent(ManagerEvent event) {
        if (event instanceof RecordingGatewayNoticeEvent notice) {
            bridgeNotice.ended(notice);
        } else if (event instanceof BridgeEnterEvent enter) {
            Integer parties = enter.getBridgeNumChannels();
            boolean holding = BridgeMembers.holding(enter.getBridgeType());
            List<NewParties.Member> members = holding ? List.of()
                    : bridges.entered(enter.getBridgeUniqueId(), enter.getUniqueId(), enter.getLinkedId(), enter.getChannel());
            if (parties != null && parties >= 2 && !holding) {
                Instant at = clock.instant();
                for (String call : BridgeMembers.reachedAPerson(enter.getLinkedId(), members)) {
                    inOrder.execute(() -> filer.callBridged(server, call, at));
                }
            }
            NewParties watch = newParties;
            if (members.size() >= 2 && watch != null) {
                // Through the ordered queue (after the bridge mark); the notice may take seconds: not on the queue itself.
                inOrder.execute(() -> work.execute(() -> watch.bridged(server, members)));
            }
        } else if (event instanceof BridgeLeaveEvent leave) {
            bridges.left(leave.getBridgeUniqueId(), leave.getUniqueId());
        } else if (event instanceof BridgeDestroyEvent destroy) {
            bridges.destroyed(destroy.getBridgeUniqueId());
        } else if (event instanceof BlindTransferEvent blind && succeeded(blind.getResult())) {
            transferred("blind", blind.getTransfereeLinkedId(), blind.getTransfererLinkedId());
        } else if (event instanceof AttendedTransferEvent attended && succeeded(attended.getResult())) {
            transferred("attended", attended.getOrigTransfererLinkedId(), attended.getSecondTransfererLinkedId(),
                    attended.getTransfereeLinkedId());
        } else if (event instanceof HangupEvent hangup) {
            // Through the ordered queue: a bridge mark of this call is durable before its filing decides.
            Instant at = clock.instant();  // when Asterisk said so, not when filing gets to it
            inOrder.execute(() -> work.execute(() -> filer.callEnded(server, hangup.getUniqueId(), at)));
        } else if (event instanceof MixMonitorStopEvent stop) {
            work.execute(() -> filer.mixMonitorStopped(server, stop.getUniqueId()));
        } else if (event instanceof ConnectEvent) {
            LOG.info("AMI (re)connected: reconciling active recordings with live channels");
            filer.watchingBridgesSince(server, clock.instant());
            work.execute(reconciliation::reconcileAndConfirm);
        } else if (event instanceof DisconnectEvent) {
            bridges.clear();
            // Bridge events are missed until the reconnect: recordings running now are kept whatever happens.
            filer.notWatchingBridges(server);
            LOG.warn("AMI disconnected; asterisk-java reconnects, and active recordings are reconciled when it is back");
        }
    }

    /**
     * Tells {@code seen} the type of every event this connection delivers, as {@link AmiEvents#nameOf} names it (for
     * the per-type count on /metrics); call before {@link #start()}. Runs on the event pump thread: {@code seen} must
     * be quick and must not block.
     */
    public void countEvents(Consumer<String> seen) {
        connection.addEventListener(event -> seen.accept(AmiEvents.nameOf(event)));
    }

    /** What to do when a party joins a recorded call (transfer, conference); until set, transfers are only logged. */
    public void newParties(NewParties parties) {
        this.newParties = parties;
    }

    private static boolean succeeded(String result) {
        return "Success".equalsIgnoreCase(result);
    }

    private void transferred(String how, String... linkedIds) {
        NewParties stop = newParties;
        Set<String> calls = BridgeMembers.calls(linkedIds);
        if (stop == null) {
            LOG.warn("a {} transfer in calls {}: no transfer handling configured", how, calls);
            return;
        }
        // Stopping sends an AMI action: never on the event pump thread.
        inOrder.execute(() -> calls.forEach(l -> work.execute(() -> stop.transferred(server, l, how))));
    }

    /** Files this server's active recordings whose channel is gone, by {@link TwoLists}' rule (see {@link AmiReconciliation}). */
    public void reconcile() {
        reconciliation.reconcile();
    }

    @Override
    public void close() {
        closed = true;
        if (connector != null) {
            connector.interrupt();
        }
        ping.die();
        try {
            connection.logoff();
        } catch (Exception ignored) {
            // already gone
        }
        inOrder.shutdown();
        work.shutdown();
    }
}
