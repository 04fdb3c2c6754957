package org.recgateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class HashChainTest {
    /** A fixed test key; production keys come from keys.auditKeyFile. */
    static final HashChain CHAIN = HashChain.keyed(new byte[32]);

    private static final String PINNED = "dcdb873f3826e96831ba998cbaed7894f0c6750688309032759e0889fdf7fd43";
    private static final Instant T0 = Instant.parse("2025-03-14T09:26:53.123456789Z");

    @Test
    void firstEventLinksToSixtyFourZeros() {
        AuditEvent first = CHAIN.link(1, T0, Actors.GATEWAY, AuditAction.RECORDING_STARTED, "r1", Map.of(),
                HashChain.GENESIS);

        assertEquals("0".repeat(64), first.previousHash());
        assertEquals(CHAIN.hashOf(first), first.hash());
        assertTrue(first.hash().matches("[0-9a-f]{64}"), first.hash());
    }

    @Test
    void hashIsHmacSha256OfTheDocumentedEncoding() throws Exception {
        // Re-implemented here from the Javadoc, so an auditor's own tool can recompute every hash.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        text(out, "recgateway-audit-v2");
        out.writeLong(7);
        out.writeLong(T0.getEpochSecond());
        out.writeInt(T0.getNano());
        text(out, "cli");
        text(out, "recording-read");
        out.writeInt(-1);
        out.writeInt(2);
        text(out, "a");
        text(out, "1");
        text(out, "b");
        text(out, "é");
        text(out, HashChain.GENESIS);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(new byte[32], "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(bytes.toByteArray()));

        String hash = CHAIN.hash(7, T0, "cli", "recording-read", null,
                new LinkedHashMap<>(Map.of("b", "\u00e9", "a", "1")), HashChain.GENESIS);

        assertEquals(expected, hash);
        assertEquals(PINNED, hash, "the encoding changed: every stored trail would fail verification");
    }

    @Test
    void anotherKeyGivesAnotherHashSoNobodyWithoutTheKeyCanRechain() {
        byte[] other = new byte[32];
        other[31] = 1;
        HashChain rechained = HashChain.keyed(other);
        AuditEvent event = CHAIN.link(1, T0, Actors.GATEWAY, AuditAction.RECORDING_STARTED, "r1", Map.of(), HashChain.GENESIS);

        assertTrue(!rechained.hashOf(event).equals(event.hash()));
        assertThrows(IllegalArgumentException.class, () -> HashChain.keyed(new byte[16]));
    }

    @Test
    void everyFieldChangesTheHash() {
        Map<String, String> d = Map.of("reason", "x");
        String base = CHAIN.hash(5, T0, "cli", "recording-read", "r1", d, HashChain.GENESIS);
        List<String> variants = List.of(
                CHAIN.hash(6, T0, "cli", "recording-read", "r1", d, HashChain.GENESIS),
                CHAIN.hash(5, T0.plusNanos(1), "cli", "recording-read", "r1", d, HashChain.GENESIS),
                CHAIN.hash(5, T0, "clj", "recording-read", "r1", d, HashChain.GENESIS),
                CHAIN.hash(5, T0, "cli", "recording-listed", "r1", d, HashChain.GENESIS),
                CHAIN.hash(5, T0, "cli", "recording-read", "r2", d, HashChain.GENESIS),
                CHAIN.hash(5, T0, "cli", "recording-read", null, d, HashChain.GENESIS),
                CHAIN.hash(5, T0, "cli", "recording-read", "r1", Map.of("reason", "y"), HashChain.GENESIS),
                CHAIN.hash(5, T0, "cli", "recording-read", "r1", Map.of(), HashChain.GENESIS),
                CHAIN.hash(5, T0, "cli", "recording-read", "r1", d, "1".repeat(64)));

        assertEquals(variants.size() + 1, distinct(base, variants));
    }

    @Test
    void shiftingTextBetweenFieldsGivesADifferentHash() {
        String a = CHAIN.hash(1, T0, "ab", "c", "r", Map.of("k", "v"), HashChain.GENESIS);
        String b = CHAIN.hash(1, T0, "a", "bc", "r", Map.of("k", "v"), HashChain.GENESIS);
        String c = CHAIN.hash(1, T0, "ab", "c", "r", Map.of("kv", ""), HashChain.GENESIS);
        String d = CHAIN.hash(1, T0, "ab", "c", "", Map.of("k", "v"), HashChain.GENESIS);
        String e = CHAIN.hash(1, T0, "ab", "c", null, Map.of("k", "v"), HashChain.GENESIS);
        String f = CHAIN.hash(1, T0, "ab", "c", "r", Map.of("k", "v", "k2", ""), HashChain.GENESIS);

        assertEquals(6, new HashSet<>(List.of(a, b, c, d, e, f)).size());
    }

    @Test
    void detailsAreSortedAndUnmodifiable() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("seconds", "12");
        given.put("reason", "fault");
        AuditEvent event = CHAIN.link(1, T0, "cli", AuditAction.AUDIO_PLAYED, "r1", given, HashChain.GENESIS);

        assertEquals(List.of("reason", "seconds"), List.copyOf(event.details().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> event.details().put("x", "y"));
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        var e1 = assertThrows(IllegalArgumentException.class, () -> CHAIN.link(1, T0, " ",
                AuditAction.RECORDING_READ, null, Map.of(), HashChain.GENESIS));
        var e2 = assertThrows(IllegalArgumentException.class, () -> CHAIN.link(1, T0, "cli",
                AuditAction.RECORDING_READ, "r1\n", Map.of(), HashChain.GENESIS));
        var e3 = assertThrows(IllegalArgumentException.class, () -> CHAIN.link(1, T0, "cli",
                AuditAction.RECORDING_READ, null, Map.of("Bad Key", "v"), HashChain.GENESIS));
        var e4 = assertThrows(IllegalArgumentException.class, () -> CHAIN.link(0, T0, "cli",
                AuditAction.RECORDING_READ, null, Map.of(), HashChain.GENESIS));

        assertTrue(e1.getMessage().contains("actor"), e1.getMessage());
        assertTrue(e2.getMessage().contains("recordingId"), e2.getMessage());
        assertTrue(e3.getMessage().contains("Bad Key"), e3.getMessage());
        assertTrue(e4.getMessage().contains("start at 1"), e4.getMessage());
    }

    @Test
    void actionIdsAreUniqueAndRoundTrip() {
        Set<String> ids = new HashSet<>();
        for (AuditAction action : AuditAction.values()) {
            assertTrue(ids.add(action.id()), action.id());
            assertEquals(action, AuditAction.fromId(action.id()).orElseThrow());
        }
        assertTrue(AuditAction.fromId("recording-eaten").isEmpty());
    }

    private static int distinct(String base, List<String> variants) {
        Set<String> all = new HashSet<>(variants);
        all.add(base);
        return all.size();
    }

    private static void text(DataOutputStream out, String value) throws Exception {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
