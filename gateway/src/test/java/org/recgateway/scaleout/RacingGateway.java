package org.recgateway.scaleout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.diagnostics.Reservation;
import org.recgateway.listening.Play;
import org.recgateway.listening.Span;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.recording.AudioVault;
import org.recgateway.recording.AuditNotes;
import org.recgateway.recording.DiskAudit;
import org.recgateway.recording.PhoneNumbers;
import org.recgateway.recording.AsteriskServers;
import org.recgateway.recording.RecordingFiler;
import org.recgateway.recording.RetentionSweep;
import org.recgateway.store.Database;
import org.recgateway.store.JdbcAuditTrail;
import org.recgateway.testing.PostgresRig;

/**
 * One gateway process for {@link TwoGatewayProcessesTest}: a JVM of its own that opens the shared PostgreSQL database
 * through {@link Database} and builds the parts the way {@code Gateway} does (the filer on
 * {@link Database#callClaims()}, deletions and the disk audit on {@link Database#claims()}, the audit trail on the
 * shared key). It prints {@code ready}, waits for {@code go} on standard input, so that both processes start the same
 * work at the same moment, does one piece of work, prints {@code result <n>} and exits.
 *
 * <p>Arguments: {@code url keyFile headFile command args...}; commands: {@code slots tickets callsPerTicket prefix},
 * {@code plays window recording tries}, {@code audit appends}, {@code file uniqueId...}, {@code sweep},
 * {@code diskaudit directory}.
 */
public final class RacingGateway {

    private RacingGateway() {
    }

    public static void main(String[] args) throws Exception {
        Clock clock = Clock.systemUTC();
        try (Database database = Database.postgresql(args[0], PostgresRig.USER, PostgresRig.PASSWORD, 4,
                PhoneNumbers.international())) {
            JdbcAuditTrail trail = database.auditTrail(clock, Path.of(args[1]), Path.of(args[2]));
            AuditNotes notes = new AuditNotes(trail);
            RecordingFiler filer = new RecordingFiler(database.recordings(), clock, GatewayMetrics.NOOP, Duration.ofMillis(30),
                    notes, AudioVault.plaintext(), database.callClaims(), database.claims());
            System.out.println("ready");
            System.out.flush();
            String go = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (!"go".equals(go)) {
                throw new IllegalStateException("expected go, got " + go);
            }
            int result = 0;
            String command = args[3];
            switch (command) {
                case "slots" -> {
                    // tickets ticket-0 .. ticket-(n-1), in the same order in both processes, so they meet at each one's last slots
                    for (int t = 0; t < Integer.parseInt(args[4]); t++) {
                        for (int i = 0; i < Integer.parseInt(args[5]); i++) {
                            result += database.diagnostics().reserve("ticket-" + t, args[6] + t + "-" + i, clock.instant())
                                    instanceof Reservation.Reserved ? 1 : 0;
                        }
                    }
                }
                case "plays" -> {
                    Play play = new Play(args[4], args[5], "kpn", clock.instant(), new Span(45_000, 30_000));
                    for (int i = 0; i < Integer.parseInt(args[6]); i++) {
                        result += database.listening().recordPlay(play, 2).isPresent() ? 1 : 0;
                    }
                }
                case "audit" -> {
                    for (int i = 0; i < Integer.parseInt(args[4]); i++) {
                        trail.append(Actors.GATEWAY, AuditAction.RECORDING_READ, "r" + i, Map.of("by", args[2]));
                        result++;
                    }
                }
                case "file" -> {
                    // Every gateway sees every Hangup: each files what its call ended, then reconciles (no live channels).
                    for (int i = 4; i < args.length; i++) {
                        filer.callEnded(AsteriskServers.ANY, args[i], Instant.now());
                    }
                    result = filer.reconciliation().reconcile(AsteriskServers.ANY, Set.of());
                }
                case "sweep" -> {
                    RetentionSweep.Sweep sweep = new RetentionSweep(database.recordings(), filer.eraser(), notes, clock,
                            database.callClaims()).run();
                    sweep.problems().forEach(p -> System.err.println("sweep problem: " + p));
                    result = sweep.deleted().size();
                }
                case "diskaudit" -> result = new DiskAudit(database.recordings(), Path.of(args[4]), GatewayMetrics.NOOP, notes,
                        database.claims()).run().size();
                default -> throw new IllegalArgumentException("unknown command " + command);
            }
            System.out.println("result " + result);
            System.out.flush();
        }
        System.exit(0);  // the store's pool and writer threads must not keep the process
    }
}
