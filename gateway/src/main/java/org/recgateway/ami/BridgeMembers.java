package org.recgateway.ami;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.recgateway.recording.NewParties;

/**
 * Who is in which bridge, from Asterisk's BridgeEnter, BridgeLeave and BridgeDestroy events (touched only from the
 * AMI event thread). The gateway's own notice channels ({@code Local/...@recording-gateway-notice}) and ConfBridge's
 * announcer and recorder channels are left out: a prompt is not a party. Bounded by the live bridges: a destroyed bridge is forgotten.
 */
final class BridgeMembers {
    private static final String NOTICE_CHANNEL = "@" + AmiBridgeNotice.CONTEXT + "-";
    /** Bridges that hold a caller alone (parking, music on hold): entering one reaches no person. */
    private static final Set<String> HOLDING = Set.of("holding", "parking");

    private final Map<String, Map<String, NewParties.Member>> bridges = new ConcurrentHashMap<>();

    /** A channel entered {@code bridgeId}; returns the bridge's members now (empty when the channel is a notice). */
    List<NewParties.Member> entered(String bridgeId, String uniqueId, String linkedId, String channel) {
        if (bridgeId == null || uniqueId == null || channel == null || isNotice(channel)) {
            return List.of();
        }
        Map<String, NewParties.Member> members = bridges.computeIfAbsent(bridgeId, b -> new LinkedHashMap<>());
        synchronized (members) {
            members.put(uniqueId, new NewParties.Member(uniqueId, linkedId == null ? "" : linkedId, channel));
            return List.copyOf(new ArrayList<>(members.values()));
        }
    }

    void left(String bridgeId, String uniqueId) {
        Map<String, NewParties.Member> members = bridgeId == null ? null : bridges.get(bridgeId);
        if (members != null) {
            synchronized (members) {
                members.remove(uniqueId);
            }
        }
    }

    void destroyed(String bridgeId) {
        if (bridgeId != null) {
            bridges.remove(bridgeId);
        }
    }

    /** Forgets everything (after AMI reconnects events in between are lost). */
    void clear() {
        bridges.clear();
    }

    int size() {
        return bridges.size();
    }

    /**
     * Not a party: the gateway's own notice channel, or ConfBridge's announcer ({@code CBAnn/...}, plays join/leave
     * prompts into the conference) and recorder ({@code CBRec/...}) channels.
     */
    static boolean isNotice(String channel) {
        return channel.startsWith("Local/") && channel.contains(NOTICE_CHANNEL) || !NewParties.person(channel);
    }

    /** Whether a bridge of this BridgeType ({@code basic}, {@code holding}, ...; null when absent) holds a caller alone. */
    static boolean holding(String bridgeType) {
        return HOLDING.contains(String.valueOf(bridgeType));
    }

    /**
     * The calls that reached a person when a channel of the call {@code linkedId} entered a bridge of two or more
     * channels whose members are now {@code members}: every call in the bridge, not only the entering channel's; in a
     * conference each phone came by its own call (its own linkedid), and the recorded caller may have entered first,
     * alone.
     */
    static Set<String> reachedAPerson(String linkedId, List<NewParties.Member> members) {
        List<String> ids = new ArrayList<>();
        ids.add(linkedId);
        members.forEach(m -> ids.add(m.linkedId()));
        return calls(ids.toArray(String[]::new));
    }

    /** The distinct linkedids among {@code linkedIds} in their order, without nulls and blanks (absent AMI fields). */
    static Set<String> calls(String... linkedIds) {
        Set<String> calls = new LinkedHashSet<>();
        Arrays.stream(linkedIds).filter(l -> l != null && !l.isBlank()).forEach(calls::add);
        return calls;
    }
}
