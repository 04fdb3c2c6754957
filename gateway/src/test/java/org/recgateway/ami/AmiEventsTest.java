package org.recgateway.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.NewExtenEvent;
import org.asteriskjava.manager.event.RtcpSentEvent;
import org.asteriskjava.manager.event.UserEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.junit.jupiter.api.Test;

/**
 * The events the gateway acts on ({@link AmiEvents#NEEDED}), the events {@link AmiWatcher} handles, and the events the
 * shipped AMI user's include filters let through are one and the same set: a handler added without its filter line
 * (its events would never arrive on a real Asterisk) fails here, and so does a filter line for an event nobody uses.
 */
class AmiEventsTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path SNIPPET = MODULE.getParent().resolve("deploy/asterisk/manager_recording_gateway.conf");
    private static final Path WATCHER = MODULE.resolve("src/main/java/org/recgateway/ami/AmiWatcher.java");
    /** asterisk-java makes these up from its socket; Asterisk never sends them, so no filter is about them. */
    private static final Set<String> PSEUDO_EVENTS = Set.of(ConnectEvent.class.getSimpleName(), DisconnectEvent.class.getSimpleName());

    /** One {@code eventfilter(...) = value} line of the snippet, its match criteria by key. */
    private record Filter(String line, Map<String, String> criteria, String value) {
        String get(String key) {
            return criteria.getOrDefault(key, "");
        }
    }

    @Test
    void theShippedAmiUserIsSentExactlyTheEventsTheGatewayActsOn() throws Exception {
        List<Filter> filters = filters(Files.readAllLines(SNIPPET));
        assertFalse(filters.isEmpty(), SNIPPET + " has no eventfilter line: the gateway's AMI user would get every event");
        for (Filter f : filters) {
            assertEquals("include", f.get("action"), "only include filters, each written out: " + f.line());
            assertFalse(f.get("name").isEmpty(), "each filter names its event (matched by hash, not by a regex): " + f.line());
            if (f.get("header").isEmpty()) {
                assertTrue(Set.of("", "none").contains(f.get("method")) && f.value().isEmpty(),
                        "a filter by name alone matches nothing else: " + f.line());
            } else {
                assertEquals("exact", f.get("method"), "a header is matched exactly: " + f.line());
                assertFalse(f.value().isEmpty(), "a header filter names the value it lets through: " + f.line());
            }
        }
        List<String> shipped = filters.stream().map(f -> f.get("name") + "/" + f.get("header") + "/" + f.value()).toList();
        List<String> needed = AmiEvents.NEEDED.stream().map(n -> n.name() + "/" + n.header() + "/" + n.value()).toList();
        assertEquals(new TreeSet<>(needed), new TreeSet<>(shipped), "the filters of " + SNIPPET + " against AmiEvents.NEEDED");
        assertEquals(shipped.size(), Set.copyOf(shipped).size(), "no filter twice: " + shipped);
    }

    @Test
    void everyAsteriskEventTheWatcherHandlesIsANeededEventAndEveryNeededEventIsHandledByItOrByAsteriskJava() throws Exception {
        Matcher m = Pattern.compile("instanceof\\s+(\\w+)").matcher(Files.readString(WATCHER));
        Set<String> handled = new TreeSet<>();
        while (m.find()) {
            handled.add(m.group(1));
        }
        handled.removeAll(PSEUDO_EVENTS);
        assertEquals(new TreeSet<>(AmiEvents.NEEDED.stream().filter(n -> n.by() == AmiEvents.By.GATEWAY)
                        .map(n -> n.type().getSimpleName()).toList()), handled,
                "the event types AmiWatcher.onManagerEvent acts on; add a new one to AmiEvents.NEEDED and to the deploy "
                        + "snippet's eventfilter lines, or real Asterisk never sends it");
    }

    @Test
    void eachNeededEventIsTheAsteriskJavaClassOfItsName() {
        for (AmiEvents.Needed n : AmiEvents.NEEDED) {
            if (UserEvent.class.isAssignableFrom(n.type())) {
                assertEquals("UserEvent", n.name(), n.toString());
                assertEquals("UserEvent", n.header(), "a user event is told apart by its UserEvent header: " + n);
            } else {
                assertEquals(n.name() + "Event", n.type().getSimpleName(), n.toString());
                assertEquals("", n.header(), n.toString());
            }
            assertFalse(n.why().isBlank(), "say why the gateway needs " + n.name());
        }
    }

    @Test
    void receivedEventsAreCountedUnderAsterisksNameOrTheirClassesName() {
        assertEquals("Hangup", AmiEvents.nameOf(new HangupEvent(this)));
        assertEquals("UserEvent", AmiEvents.nameOf(new RecordingGatewayNoticeEvent(this)));
        assertEquals("VarSet", AmiEvents.nameOf(new VarSetEvent(this)));
        assertEquals("NewExten", AmiEvents.nameOf(new NewExtenEvent(this)));
        assertEquals("RtcpSent", AmiEvents.nameOf(new RtcpSentEvent(this)));
        assertEquals("Connect", AmiEvents.nameOf(new ConnectEvent(this)));
    }

    @Test
    void theFilterParserReadsCriteriaValuesAndLegacyLinesAndSkipsOtherSectionsAndComments() {
        List<Filter> f = filters(List.of("[other]", "eventfilter(name(Newexten)) =", "[recgateway]", "; eventfilter = !Event: Hangup",
                "eventfilter(action(include),name(UserEvent),header(UserEvent),method(exact)) = RecordingGatewayNotice ; ours",
                "eventfilter = !Event: VarSet", "read = call"));
        assertEquals(2, f.size(), f.toString());
        assertEquals(Map.of("action", "include", "name", "UserEvent", "header", "UserEvent", "method", "exact"), f.get(0).criteria());
        assertEquals("RecordingGatewayNotice", f.get(0).value());
        assertEquals(Map.of(), f.get(1).criteria(), "a legacy regex filter has no criteria (and so fails the checks above)");
        assertEquals("", f.get(1).get("action"));
        assertEquals("!Event: VarSet", f.get(1).value());
    }

    /** The eventfilter lines of the {@code [recgateway]} section, comments (after {@code ;}) left out. */
    private static List<Filter> filters(List<String> lines) {
        List<Filter> filters = new ArrayList<>();
        boolean ours = false;
        Pattern criterion = Pattern.compile("\\s*(\\w+)\\(([^()]*)\\)\\s*(,|$)");
        for (String raw : lines) {
            String line = raw.contains(";") ? raw.substring(0, raw.indexOf(';')) : raw;
            line = line.strip();
            if (line.startsWith("[")) {
                ours = line.startsWith("[recgateway]");
                continue;
            }
            if (!ours || !line.startsWith("eventfilter")) {
                continue;
            }
            int eq = line.indexOf('=');
            assertTrue(eq > 0, "an eventfilter line without '=': " + raw);
            String left = line.substring("eventfilter".length(), eq).strip();
            Map<String, String> criteria = new LinkedHashMap<>();
            if (!left.isEmpty()) {
                assertTrue(left.startsWith("(") && left.endsWith(")"), "eventfilter(<criteria>) = ...: " + raw);
                Matcher m = criterion.matcher(left.substring(1, left.length() - 1));
                int at = 0;
                while (m.lookingAt()) {
                    assertEquals(null, criteria.put(m.group(1), m.group(2)), "a criterion twice: " + raw);
                    at = m.end();
                    m.region(at, m.regionEnd());
                }
                assertEquals(left.length() - 2, at, "criteria not of the form key(value),...: " + raw);
                assertTrue(Set.of("action", "name", "header", "method").containsAll(criteria.keySet()),
                        "unknown criteria " + criteria.keySet().stream().collect(Collectors.joining(",")) + ": " + raw);
            }
            filters.add(new Filter(raw, criteria, line.substring(eq + 1).strip()));
        }
        return filters;
    }
}
