package org.recgateway.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.recgateway.audit.Actors;
import org.recgateway.privacy.Erasure;
import org.recgateway.privacy.HoldDesk;
import org.recgateway.privacy.PrivacyOffice;
import org.recgateway.recording.LegalHold;
import org.recgateway.recording.PhoneNumbers;
import org.recgateway.recording.RetentionSweep;

/**
 * {@code gateway privacy}: the privacy officer's requests from the command line, each audited with
 * actor {@code cli}. Prints JSON on standard output (nothing else), messages on standard error.
 */
public final class PrivacyCommand {
    static final String USAGE_TEXT = """
            usage: gateway privacy access --number N            what is held of a number (any notation), as JSON
                   gateway privacy export --number N --out FILE  the subject access ZIP (summary and audio)
                   gateway privacy erase --number N | --id ID    erase; prints what was deleted and kept, and why
                   gateway privacy holds                         list legal holds
                   gateway privacy hold --kind recording|number|ticket --target T --reason TEXT
                   gateway privacy lift --hold ID
                   gateway privacy sweep                         end the purposes that are due now
                   gateway privacy record                        the record of processing (GDPR art. 30), as JSON""";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PrivacyCommand() {
    }

    /** Runs the command with the arguments after {@code privacy}; returns the exit code (0, 1 failed, 2 usage). */
    public static int run(List<String> args, PrivacyOffice office, RetentionSweep sweep, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            return usage(err, "name a request");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--") || i + 1 >= args.size()) {
                return usage(err, "option " + a + " needs a value (--name value)");
            }
            options.put(a.substring(2), args.get(++i));
        }
        Optional<String> number = Optional.ofNullable(options.get("number"));
        if (number.isPresent() && !PhoneNumbers.NOTATION.matcher(number.get()).matches()) {
            return usage(err, "--number must be " + PhoneNumbers.NOTATION_TEXT);
        }
        try {
            return switch (args.getFirst()) {
                case "access" -> number.isEmpty() ? usage(err, "access needs --number")
                        : print(Map.of("recordings", office.access().summary(number.get(), Actors.CLI)), out);
                case "export" -> export(office, number, options.get("out"), out, err);
                case "erase" -> erase(office, number, Optional.ofNullable(options.get("id")), out, err);
                case "holds" -> print(Map.of("holds", office.holds().list(Actors.CLI).stream().map(HoldDesk::view).toList()), out);
                case "hold" -> hold(office, options, out, err);
                case "lift" -> options.get("hold") == null ? usage(err, "lift needs --hold ID")
                        : office.holds().lift(options.get("hold"), Actors.CLI).map(h -> print(HoldDesk.view(h), out))
                                .orElseGet(() -> failed(err, "no legal hold " + options.get("hold") + " in force; "
                                        + "`gateway privacy holds` lists them"));
                case "record" -> print(office.processingRecord().get(), out);
                case "sweep" -> {
                    RetentionSweep.Sweep done = sweep.run();
                    yield print(Map.of("purposesEnded", done.purposesEnded(), "deleted", done.deleted(),
                            "problems", done.problems()), out);
                }
                default -> usage(err, "unknown request '" + args.getFirst() + "'");
            };
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return failed(err, "could not finish (" + e.getMessage() + "); nothing was printed as done");
        }
    }

    private static int export(PrivacyOffice office, Optional<String> number, String file, PrintStream out, PrintStream err)
            throws IOException {
        if (number.isEmpty() || file == null) {
            return usage(err, "export needs --number and --out FILE");
        }
        Path target = Path.of(file);
        try (OutputStream zip = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
            office.access().export(number.get(), Actors.CLI, zip);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return failed(err, target + " exists; name a new file");
        }
        return print(Map.of("export", target.toAbsolutePath().toString()), out);
    }

    private static int erase(PrivacyOffice office, Optional<String> number, Optional<String> id, PrintStream out,
                             PrintStream err) {
        if (number.isPresent() == id.isPresent()) {
            return usage(err, "erase needs either --number or --id");
        }
        Optional<Erasure.Report> report = number.isPresent()
                ? Optional.of(office.erasure().byNumber(number.get(), Actors.CLI)) : office.erasure().byId(id.get(), Actors.CLI);
        if (report.isEmpty()) {
            return failed(err, "no recording with id " + id.get());
        }
        return print(Map.of("deleted", report.get().count("deleted"), "kept", report.get().count("kept"),
                "recordings", report.get().recordings().stream().map(Erasure::view).toList()), out);
    }

    private static int hold(PrivacyOffice office, Map<String, String> options, PrintStream out, PrintStream err) {
        Optional<LegalHold.Kind> kind = Optional.ofNullable(options.get("kind")).flatMap(LegalHold.Kind::fromId);
        if (kind.isEmpty() || options.get("target") == null || options.get("reason") == null) {
            return usage(err, "hold needs --kind recording|number|ticket, --target and --reason");
        }
        return print(HoldDesk.view(office.holds().place(kind.get(), options.get("target"), options.get("reason"), Actors.CLI)),
                out);
    }

    private static int print(Object document, PrintStream out) {
        try {
            out.println(JSON.writeValueAsString(document));
            return 0;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON: " + e.getMessage(), e);
        }
    }

    private static int usage(PrintStream err, String reason) {
        err.println("gateway privacy: " + reason);
        err.println(USAGE_TEXT);
        return 2;
    }

    private static int failed(PrintStream err, String reason) {
        err.println("gateway privacy: " + reason);
        return 1;
    }
}
