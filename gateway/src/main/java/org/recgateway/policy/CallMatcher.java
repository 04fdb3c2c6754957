package org.recgateway.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The conditions of a policy rule; a call matches when every condition that is present matches.
 * An empty list or map means the condition is absent.
 *
 * @param contexts       dialplan context names, matched exactly; any of them
 * @param called         patterns for {@link CallAttributes#calledNumber()}; any of them
 * @param callerPrefixes the caller ID (spaces removed) starts with any of these (spaces removed);
 *                       {@code +31} and {@code 0031} are different prefixes, nothing is normalised
 * @param arguments      AGI argument number (1-based) to the pattern or literal it must match
 */
public record CallMatcher(List<String> contexts, List<DialPattern> called, List<String> callerPrefixes,
                          Map<Integer, DialPattern> arguments) {

    /** A matcher without conditions: it matches every call. */
    public static final CallMatcher ANY = new CallMatcher(List.of(), List.of(), List.of(), Map.of());

    public CallMatcher {
        contexts = List.copyOf(Objects.requireNonNullElse(contexts, List.of()));
        called = List.copyOf(Objects.requireNonNullElse(called, List.of()));
        callerPrefixes = Objects.requireNonNullElse(callerPrefixes, List.<String>of()).stream()
                .map(CallMatcher::withoutSpaces).toList();
        arguments = Map.copyOf(Objects.requireNonNullElse(arguments, Map.of()));
        if (callerPrefixes.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("a caller prefix is empty; it would match every caller");
        }
        if (arguments.keySet().stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("AGI arguments are numbered from 1: " + arguments.keySet());
        }
    }

    /** True when the matcher has no conditions. */
    public boolean isEmpty() {
        return contexts.isEmpty() && called.isEmpty() && callerPrefixes.isEmpty() && arguments.isEmpty();
    }

    /** True when every present condition matches {@code call}. */
    public boolean matches(CallAttributes call) {
        return contextMatches(call) && calledMatches(call) && callerMatches(call) && argumentsMatch(call);
    }

    private boolean contextMatches(CallAttributes call) {
        return contexts.isEmpty() || contexts.contains(call.context());
    }

    private boolean calledMatches(CallAttributes call) {
        String number = call.calledNumber();
        return called.isEmpty() || called.stream().anyMatch(p -> p.matches(number));
    }

    private boolean callerMatches(CallAttributes call) {
        String caller = withoutSpaces(call.callerId());
        return callerPrefixes.isEmpty() || callerPrefixes.stream().anyMatch(caller::startsWith);
    }

    private boolean argumentsMatch(CallAttributes call) {
        List<String> args = call.arguments();
        return arguments.entrySet().stream()
                .allMatch(e -> e.getKey() <= args.size() && e.getValue().matches(args.get(e.getKey() - 1)));
    }

    private static String withoutSpaces(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().filter(c -> !Character.isWhitespace(c)).forEach(out::appendCodePoint);
        return out.toString();
    }
}
