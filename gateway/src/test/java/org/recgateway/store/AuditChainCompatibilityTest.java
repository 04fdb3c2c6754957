package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.audit.Verification;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.Recording;
import org.recgateway.recording.TestRecordings;

/**
 * The evidence digest and the chain's hashes are byte for byte what the store wrote before the audit
 * append read the chain head and the evidence in one round trip on PostgreSQL (issue 17 item 5): the
 * expected values below were printed by this test run on main at {@code c3f15b4} (five evidence queries
 * per append), the same on SQLite and on PostgreSQL. A chain written then therefore still verifies now, with every
 * recording's evidence matching its digest. Runs in both store executions.
 */
class AuditChainCompatibilityTest {

    /** A fixed chain key, so the chain's hashes are the same in every run. */
    private static final String KEY = "0123456789abcdef".repeat(4);

    /** Printed by this test at c3f15b4 (the digest read by five queries); the same on SQLite and on PostgreSQL. */
    private static final String DIGEST = "recordings=e9774c04a64345350990d02d473eea91;recording_purposes=21852758ca56e4b31199f52b55c99a27;"
            + "consent_evidence=df3f619804a92fdb4057192dc43dd748;fault_markers=df3f619804a92fdb4057192dc43dd748;"
            + "diagnostic_recordings=df3f619804a92fdb4057192dc43dd748";
    private static final String LAST_HASH = "cbcbc0037a62994284b1524e49dbbf45fee7fc9fb719100b6c66ddc3e8b90bdb";

    @TempDir
    Path dir;

    @Test
    void theDigestAndTheChainAreTheBytesWrittenBeforeTheOneRoundTripRead() throws Exception {
        Path db = dir.resolve("recordings.db");
        Files.writeString(Files.createFile(dir.resolve("audit-chain.key"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))), KEY + "\n");
        AuditEvent filed;
        try (JdbcRecordingStore store = TestStores.open(db)) {
            JdbcAuditTrail trail = store.auditTrail(Clock.fixed(TestRecordings.T0, ZoneOffset.UTC));
            filed = writeTheChain(store, trail, db);
        }
        String digest = filed.details().get(EvidenceDigest.DETAIL);
        assertEquals(DIGEST, digest, "the evidence digest's bytes changed");
        assertEquals(LAST_HASH, filed.hash(), "the chain's bytes changed");
        try (JdbcRecordingStore store = TestStores.open(db)) {  // reopened: the chain as stored verifies
            JdbcAuditTrail trail = store.auditTrail(Clock.systemUTC());
            assertEquals(new Verification.Intact(2, filed.hash()), trail.verify());
            assertEquals(List.of(), trail.verifyRecordings(), "every recording's evidence matches the digest it was filed with");
        }
    }

    /** One recording (with its purpose row): started, then filed. */
    private static AuditEvent writeTheChain(JdbcRecordingStore store, JdbcAuditTrail trail, Path db) throws Exception {
        Recording one = TestRecordings.active("compat-1", 0, "+31612345678", "1001", Purpose.QUALITY);
        store.insert(one);
        trail.append(Actors.GATEWAY, AuditAction.RECORDING_STARTED, one.id(), Map.of("rule", "rule-quality"));
        store.update(TestRecordings.filed(one));
        return trail.append(Actors.GATEWAY, AuditAction.RECORDING_FILED, one.id(), Map.of("sha256", "c".repeat(64)));
    }
}
