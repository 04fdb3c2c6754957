package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.PhoneNumbers;
import org.recgateway.recording.RecordedParty;
import org.recgateway.recording.Recording;
import org.recgateway.recording.TestRecordings;

/**
 * Every write of a recorded call runs a statement the writer prepared once (issue 13: the parties' rows and the data
 * key were prepared anew for each call, on the one serial writer, and SQLite parses and plans each preparation): after
 * the first call, a call's writes prepare nothing on the writing connection.
 */
class WriterPreparesOnceTest {
    @TempDir
    Path dir;

    @Test
    void aRecordedCallsWritesPrepareNothingAfterTheFirstCall() {
        List<String> prepared = Collections.synchronizedList(new ArrayList<>());
        Path db = dir.resolve("r.db");
        StoreConnections opened = TestStores.connections(db);
        StoreConnections watched = new StoreConnections(watch(opened.write(), prepared), opened.read(), opened.dialect(),
                () -> watch(opened.writers().open(), prepared));
        try (JdbcRecordingStore store = JdbcRecordingStore.open(watched, db.toAbsolutePath(), PhoneNumbers.international())) {
            JdbcAuditTrail audit = store.auditTrail(Clock.systemUTC());
            JdbcDataKeys keys = JdbcDataKeys.of(store);
            recordCall(store, audit, keys, 0);
            prepared.clear();

            for (int i = 1; i <= 5; i++) {
                recordCall(store, audit, keys, i);
            }

            assertEquals(List.of(), prepared, "statements the writer prepared for calls 2 to 6");
            assertEquals(2, store.parties().of("r3").size(), "the parties are stored");
            assertArrayEquals(new byte[] {3, 1}, keys.get("r3").orElseThrow(), "the data key is stored");
        }
    }

    /** The writes of one recorded call, as the gateway makes them. */
    private static void recordCall(JdbcRecordingStore store, JdbcAuditTrail audit, JdbcDataKeys keys, int i) {
        Recording r = TestRecordings.active("r" + i, i, "0612345678", "100" + i, Purpose.QUALITY);
        store.insert(r);
        audit.append(Actors.GATEWAY, AuditAction.RECORDING_STARTED, r.id(), Map.of("rule", r.ruleName()));
        store.mixMonitorStarted(r.id(), "mm-" + i);
        store.parties().add(new RecordedParty(r.id(), r.channel(), RecordedParty.Role.CALLER, r.started(), "notice", true));
        store.parties().add(new RecordedParty(r.id(), "PJSIP/agent-" + i, RecordedParty.Role.ANSWERED, r.started(),
                "tone", true));
        store.bridged(r.id(), r.started());
        store.endReason(r.id(), "hangup");
        keys.put(r.id(), new byte[] {(byte) i, 1});
        store.update(TestRecordings.filed(store.byId(r.id()).orElseThrow()));
        audit.append(Actors.GATEWAY, AuditAction.RECORDING_FILED, r.id(), Map.of("sha256", "c".repeat(64)));
    }

    /** {@code c}, noting the SQL of every statement prepared on it in {@code prepared}. */
    private static Connection watch(Connection c, List<String> prepared) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql) {
                        prepared.add(sql);
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
