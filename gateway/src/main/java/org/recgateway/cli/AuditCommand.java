package org.recgateway.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.audit.AuditEventView;
import org.recgateway.audit.AuditTrail;
import org.recgateway.audit.RecordingFinding;
import org.recgateway.audit.Verification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code gateway audit verify} and {@code gateway audit list}: the same JSON as {@code GET /api/audit/verify}
 * and {@code GET /api/audit}. Verifying or listing is itself appended to the trail (actor {@code cli}).
 */
public final class AuditCommand {

    /** Exit code: the trail verified intact, or the list was printed. */
    public static final int OK = 0;
    /** Exit code: the trail is broken (the reason went to err), or the store failed. */
    public static final int FAILED = 1;
    /** Exit code: the arguments were wrong; the reason and the usage went to err. */
    public static final int USAGE = 2;

    static final String USAGE_TEXT = """
            usage: gateway audit verify [--recordings]
                   gateway audit list [--recording ID] [--since N] [--limit N]
              verify          recompute every hash and link from the first event; exit 0 when intact,
                              1 when broken (the first broken event and why go to stderr); the trail
                              must also reach its checkpointed head (keys.auditHeadFile)
              --recordings    also compare every recording's evidence (purposes, bases, notice, consent,
                              markers, diagnostic link) with the digest its last chained event carries,
                              and its audio with its filed hash; every mismatch goes to stderr
              list            print events, oldest first
              --recording ID  every event about this recording (not combined with --since/--limit)
              --since N       events after sequence number N (default 0: from the start)
              --limit N       at most N events (1-1000, default 100)
            Prints JSON; options also take the form --name=value.""";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> LIST_OPTIONS = Set.of("--recording", "--since", "--limit");

    private AuditCommand() {
    }

    /** Runs the command with the arguments after {@code audit}, without {@code --recordings}; returns the exit code. */
    public static int run(List<String> args, AuditTrail audit, PrintStream out, PrintStream err) {
        return run(args, audit, () -> {
            throw new IllegalStateException("--recordings is not available here");
        }, out, err);
    }

    /**
     * Runs the command with the arguments after {@code audit}; returns the process exit code.
     *
     * @param recordings what {@code verify --recordings} checks: every recording whose evidence or audio
     *                   no longer matches, first bad one first
     */
    public static int run(List<String> args, AuditTrail audit, Supplier<List<RecordingFinding>> recordings,
                          PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.getFirst().equals("--help") || args.getFirst().equals("-h")) {
            (args.isEmpty() ? err : out).println(USAGE_TEXT);
            return args.isEmpty() ? USAGE : OK;
        }
        try {
            return switch (args.getFirst()) {
                case "verify" -> args.size() == 1 ? verify(audit, null, out, err)
                        : args.size() == 2 && args.get(1).equals("--recordings") ? verify(audit, recordings, out, err)
                        : usage("verify takes only the option --recordings", err);
                case "list" -> list(args.subList(1, args.size()), audit, out, err);
                default -> usage("unknown audit command " + printable(args.getFirst()) + "; use verify or list",
                        err);
            };
        } catch (RuntimeException e) {
            err.println("gateway audit: could not read or write the audit trail: " + e.getMessage());
            return FAILED;
        }
    }

    private static int verify(AuditTrail audit, Supplier<List<RecordingFinding>> recordings, PrintStream out,
                              PrintStream err) {
        Verification result = audit.verify();
        List<RecordingFinding> findings = recordings == null || !result.intact() ? List.of() : recordings.get();
        boolean recorded = true;
        try {
            Map<String, String> details = new LinkedHashMap<>(AuditEventView.details(result));
            if (recordings != null) {
                details.put("recordingsChecked", Boolean.toString(result.intact()));
                details.put("recordingFindings", Integer.toString(findings.size()));
            }
            audit.append(Actors.commandLine(), AuditAction.AUDIT_VERIFIED, null, details);
        } catch (RuntimeException e) {
            // The result matters most when the trail is damaged, so it is printed even if it cannot be recorded.
            err.println("gateway audit: this verification could not be appended to the trail: " + e.getMessage());
            recorded = false;
        }
        Map<String, Object> document = new LinkedHashMap<>(AuditEventView.of(result));
        if (recordings != null && result.intact()) {
            document.put("recordings", findings.stream().map(f -> Map.of("recordingId", f.recordingId(),
                    "event", f.sequence(), "reason", f.reason())).toList());
        }
        print(document, out);
        if (result instanceof Verification.Broken broken) {
            err.println("gateway audit: the audit trail is broken at event " + broken.sequence() + " ("
                    + broken.problem().id() + "): " + broken.reason());
            return FAILED;
        }
        for (RecordingFinding f : findings) {
            err.println("gateway audit: " + f.reason());
        }
        if (!findings.isEmpty()) {
            return FAILED;
        }
        return recorded ? OK : FAILED;
    }

    private static int list(List<String> args, AuditTrail audit, PrintStream out, PrintStream err) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            if (!LIST_OPTIONS.contains(name)) {
                return usage("unknown option " + printable(name), err);
            }
            if (equals < 0 && i + 1 >= args.size()) {
                return usage("option " + name + " needs a value", err);
            }
            if (given.putIfAbsent(name, equals >= 0 ? arg.substring(equals + 1) : args.get(++i)) != null) {
                return usage("option " + name + " is given more than once; give it once", err);
            }
        }
        String recording = given.get("--recording");
        if (recording != null) {
            if (given.size() > 1) {
                return usage("option --recording cannot be combined with --since or --limit", err);
            }
            if (!RecordingsOptions.ID.matcher(recording).matches()) {
                return usage("option --recording must be a recording id: 1-64 of A-Z a-z 0-9 . _ -", err);
            }
            return printed(audit.forRecording(recording), audit, recording, Map.of("via", "cli"), out);
        }
        String since = given.getOrDefault("--since", "0");
        String limit = given.getOrDefault("--limit", "100");
        if (!since.matches("[0-9]{1,18}")) {
            return usage("option --since must be a sequence number (0 starts at the beginning)", err);
        }
        if (!limit.matches("[0-9]{1,4}") || Integer.parseInt(limit) < 1
                || Integer.parseInt(limit) > AuditTrail.MAX_LIMIT) {
            return usage("option --limit must be a whole number from 1 to " + AuditTrail.MAX_LIMIT, err);
        }
        List<AuditEvent> events = audit.since(Long.parseLong(since), Integer.parseInt(limit));
        return printed(events, audit, null, Map.of("via", "cli", "since", since, "limit", limit), out);
    }

    private static int printed(List<AuditEvent> events, AuditTrail audit, String recordingId,
                               Map<String, String> query, PrintStream out) {
        Map<String, String> details = new LinkedHashMap<>(query);
        details.put("count", Integer.toString(events.size()));
        audit.append(Actors.commandLine(), AuditAction.AUDIT_LISTED, recordingId, details);
        print(AuditEventView.list(events), out);
        return OK;
    }

    private static int usage(String reason, PrintStream err) {
        err.println("gateway audit: " + reason);
        err.println(USAGE_TEXT);
        return USAGE;
    }

    private static void print(Object document, PrintStream out) {
        try {
            out.println(JSON.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit document could not be written as JSON", e);
        }
    }

    private static String printable(String untrusted) {
        String plain = untrusted.replaceAll("[^A-Za-z0-9._/=-]", "?");
        return "'" + (plain.length() > 64 ? plain.substring(0, 64) + "..." : plain) + "'";
    }
}
