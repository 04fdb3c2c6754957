package org.recgateway.config;

import java.net.InetAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/** Small validations shared by the sections; each reports through the section and returns a usable value. */
final class Checks {

    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9/._-]+");

    private Checks() {
    }

    /** An IP address literal; host names are refused, so loading the configuration never waits for DNS. */
    static Optional<InetAddress> ipLiteral(String text) {
        try {
            return Optional.of(InetAddress.ofLiteral(text.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The {@code bind} address of a listener: an IP literal such as 127.0.0.1, 0.0.0.0 or ::. */
    static String bindAddress(Section s, String fallback) {
        return s.text("bind").map(t -> {
            if (ipLiteral(t.value()).isPresent()) {
                return t.value().strip();
            }
            s.problems().add(t.line(), t.key(), Problems.show(t.value()) + " is not an IP address; write one such as "
                    + "127.0.0.1, 0.0.0.0 or ::1 (host names are not resolved)");
            return fallback;
        }).orElse(fallback);
    }

    /** A local path, relative ones resolved against the working directory. */
    static Path localPath(Section s, String key, String fallback) {
        Optional<Located> text = s.text(key);
        try {
            return Path.of(text.map(Located::value).orElse(fallback)).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            text.ifPresent(t -> s.problems().add(t.line(), t.key(), "not a usable path: " + e.getReason()));
            return Path.of(fallback).toAbsolutePath().normalize();
        }
    }

    /**
     * A path that is handed to Asterisk (MixMonitor's file name, STREAM FILE's sound name): only letters,
     * digits, {@code / . _ -} and no {@code ..}, because a comma, a quote or {@code $&#123;} there would be
     * read by Asterisk as an argument separator or an expression.
     */
    static boolean safeForAsterisk(String path) {
        return SAFE_PATH.matcher(path).matches() && !("/" + path + "/").contains("/../");
    }

    /** The reason shown when {@link #safeForAsterisk} refuses a value. */
    static String unsafeForAsterisk(String value) {
        return Problems.show(value) + " may only contain letters, digits, '/', '.', '_' and '-' and no '..' segment, "
                + "because Asterisk reads commas, quotes and ${...} in it as syntax";
    }
}
