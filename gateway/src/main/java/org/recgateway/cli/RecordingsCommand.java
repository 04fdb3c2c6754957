package org.recgateway.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditTrail;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingQuery;
import org.recgateway.recording.RecordingStore;
import org.recgateway.recording.RecordingView;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code gateway recordings}: reads recording metadata from the store and prints it as the same
 * JSON the HTTP API serves ({@code GET /api/recordings/{id}} and {@code GET /api/recordings?...}).
 * Every read is appended to the audit trail (actor {@code cli}) before anything is printed.
 */
public final class RecordingsCommand {

    /** Exit code: the JSON was printed (an empty search result included). */
    public static final int OK = 0;
    /** Exit code: {@code --id} named no recording, or the store failed; the reason went to err. */
    public static final int FAILED = 1;
    /** Exit code: the options were wrong; the reason and the usage went to err. */
    public static final int USAGE = 2;

    static final String USAGE_TEXT = """
            usage: gateway recordings --id ID
                   gateway recordings [--uniqueid ID] [--linkedid ID] [--number N] [--purpose P]
                                      [--from ISO] [--to ISO] [--limit N]
              --id ID        one recording by its gateway id
              --uniqueid ID  recordings of this Asterisk uniqueid
              --linkedid ID  recordings of this Asterisk linkedid (the whole call)
              --number N     recordings where N is the caller or the called number, in any notation
              --purpose P    quality, complaint-handling, contract-evidence, training,
                             provider-diagnostics or legal-obligation
              --from ISO     started at or after this instant, e.g. 2025-01-31T09:00:00Z
              --to ISO       started before this instant
              --limit N      at most N recordings, newest first (1-1000, default 100)
            Prints JSON; options also take the form --name=value.""";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RecordingsCommand() {
    }

    /** Runs the command without a pseudonym key: a searched number is audited as {@code withheld}. */
    public static int run(List<String> args, RecordingStore store, AuditTrail audit, PrintStream out,
                          PrintStream err) {
        return run(args, store, audit, n -> "withheld", out, err);
    }

    /**
     * Runs the command with the arguments after {@code recordings}; returns the process exit code. A searched
     * number is audited as {@code pseudonym} makes it.
     */
    public static int run(List<String> args, RecordingStore store, AuditTrail audit,
                          java.util.function.UnaryOperator<String> pseudonym, PrintStream out, PrintStream err) {
        return switch (RecordingsOptions.parse(args)) {
            case RecordingsOptions.Parsed.Help() -> {
                out.println(USAGE_TEXT);
                yield OK;
            }
            case RecordingsOptions.Parsed.Invalid(String reason) -> {
                err.println("gateway recordings: " + reason);
                err.println(USAGE_TEXT);
                yield USAGE;
            }
            case RecordingsOptions.Parsed.Valid(RecordingsOptions options) -> query(options, store, audit, pseudonym, out, err);
        };
    }

    private static int query(RecordingsOptions options, RecordingStore store, AuditTrail audit,
                             java.util.function.UnaryOperator<String> pseudonym, PrintStream out, PrintStream err) {
        try {
            if (options.id().isPresent()) {
                Optional<Recording> recording = store.byId(options.id().get());
                if (recording.isEmpty()) {
                    err.println("gateway recordings: no recording with id " + options.id().get());
                    return FAILED;
                }
                audit.append(Actors.commandLine(), AuditAction.RECORDING_READ, recording.get().id(), Map.of("via", "cli"));
                print(RecordingView.of(recording.get(), store.parties().of(recording.get().id())), out);
                return OK;
            }
            List<Map<String, Object>> views = store.find(options.query()).stream().map(RecordingView::of).toList();
            audit.append(Actors.commandLine(), AuditAction.RECORDING_LISTED, null,
                    options.query().auditDetails("cli", views.size(), pseudonym));
            print(Map.of("recordings", views), out);
            return OK;
        } catch (RuntimeException e) {
            err.println("gateway recordings: could not read the recording store or write the audit trail: "
                    + e.getMessage());
            return FAILED;
        }
    }

    private static void print(Object document, PrintStream out) {
        try {
            out.println(JSON.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a recording view could not be written as JSON", e);
        }
    }
}
