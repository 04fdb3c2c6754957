package org.recgateway.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.testing.InMemoryAuditTrail;
import org.recgateway.testing.InMemoryRecordingStore;

class DiskAuditTest {
    @TempDir
    Path dir;

    private final InMemoryRecordingStore store = new InMemoryRecordingStore();

    @Test
    void fileThatNoRecordingAccountsForIsQuarantinedWithItsHash() throws Exception {
        Path known = Files.createDirectories(dir.resolve("2026/11/29")).resolve("known.wav");
        Files.write(known, new byte[] {1});
        Path stray = Files.write(dir.resolve("2026/11/29/stray.wav"), new byte[] {1, 2, 3});
        store.insert(Recording.active("known", new RecordedCall("1.1", "1.0", "PJSIP/x", "06", "1001"), new Evidence("default", null, null), new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(30), null, List.of()), known.toString(), null));

        List<Recording> quarantined = new DiskAudit(store, dir, GatewayMetrics.NOOP, new AuditNotes(new InMemoryAuditTrail(java.time.Clock.systemUTC()))).run();

        assertEquals(1, quarantined.size());
        Recording q = quarantined.getFirst();
        assertEquals(stray.toString(), q.filePath());
        assertEquals(RecordingStatus.QUARANTINED, q.status());
        assertEquals(3L, q.sizeBytes());
        assertEquals("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81", q.sha256());
        assertTrue(store.knowsFile(stray.toString()));
    }

    @Test
    void secondAuditFindsNothingNew() throws Exception {
        Files.write(dir.resolve("stray.wav"), new byte[] {1});
        DiskAudit audit = new DiskAudit(store, dir, GatewayMetrics.NOOP, new AuditNotes(new InMemoryAuditTrail(java.time.Clock.systemUTC())));
        audit.run();

        assertTrue(audit.run().isEmpty());
    }

    @Test
    void missingDirectoryIsNotAnError() throws Exception {
        assertTrue(new DiskAudit(store, dir.resolve("absent"), GatewayMetrics.NOOP, new AuditNotes(new InMemoryAuditTrail(java.time.Clock.systemUTC()))).run().isEmpty());
    }

    private Recording filed(String id, Path file, RecordingStatus status, long size) {
        Instant started = Instant.parse("2026-11-29T09:59:00Z");
        Recording r = Recording.active(id, new RecordedCall("1." + id, "1.0", "PJSIP/x", "06", "1001"), new Evidence("default", null, null),
                new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(30), null, List.of()),
                file.toString(), started).filed(Instant.parse("2026-11-29T10:00:00Z"), size, "ab", status);
        store.insert(r);
        return r;
    }

    @Test
    void aFileBehindAMissingOrDeletedRowIsQuarantined() throws Exception {
        Path missing = Files.write(dir.resolve("missing.wav"), new byte[] {1, 2});
        Path deleted = Files.write(dir.resolve("deleted.wav"), new byte[] {1, 2, 3});
        filed("m", missing, RecordingStatus.MISSING, 0);
        filed("d", deleted, RecordingStatus.DELETED, 3);

        List<Recording> quarantined = new DiskAudit(store, dir, GatewayMetrics.NOOP,
                new AuditNotes(new InMemoryAuditTrail(java.time.Clock.systemUTC()))).run();

        assertEquals(java.util.Set.of(missing.toString(), deleted.toString()),
                quarantined.stream().map(Recording::filePath).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void aFiledRowWhoseFileIsGoneIsFlaggedMissingAndOneWhoseFileChangedIsFlaggedTampered() throws Exception {
        Path gone = dir.resolve("gone.wav");
        Path changed = Files.write(dir.resolve("changed.wav"), new byte[10]);
        Path whole = Files.write(dir.resolve("whole.wav"), new byte[5]);
        filed("g", gone, RecordingStatus.FILED, 5);
        filed("c", changed, RecordingStatus.FILED, 5);
        filed("w", whole, RecordingStatus.FILED, 5);
        InMemoryAuditTrail trail = new InMemoryAuditTrail(java.time.Clock.systemUTC());
        DiskAudit audit = new DiskAudit(store, dir, GatewayMetrics.NOOP, new AuditNotes(trail));

        assertEquals(2, audit.checkFiled());

        assertEquals(RecordingStatus.MISSING, store.byId("g").orElseThrow().status());
        assertEquals(RecordingStatus.FILED, store.byId("c").orElseThrow().status());
        assertEquals(RecordingStatus.FILED, store.byId("w").orElseThrow().status());
        assertTrue(trail.events().stream().anyMatch(e -> "c".equals(e.recordingId())
                && e.action() == org.recgateway.audit.AuditAction.AUDIO_TAMPERED), trail.events().toString());
        assertEquals(1, audit.checkFiled(), "the missing row is not flagged twice; the changed file is alarmed at each check until someone acts");
    }

    @Test
    void aPeriodicRunReportsTheQuarantineAndTheMissingFilesAndAWalkThatFailedHidesNeither() throws Exception {
        Path stray = Files.write(dir.resolve("stray.wav"), new byte[] {1});
        filed("g", dir.resolve("gone.wav"), RecordingStatus.FILED, 5);
        DiskAudit audit = new DiskAudit(store, dir, GatewayMetrics.NOOP, new AuditNotes(new InMemoryAuditTrail(java.time.Clock.systemUTC())));

        DiskAudit.Report report = audit.periodicRun();

        assertEquals(List.of(stray.toString()), report.quarantined().stream().map(Recording::filePath).toList());
        assertEquals(1, report.flagged());
        assertEquals(java.util.Optional.empty(), report.mismatch());
        assertEquals(java.util.Optional.empty(), report.walkFailed());

        // A walk that fails (here the store cannot answer about a file): the missing-file check still runs.
        filed("h", dir.resolve("gone-too.wav"), RecordingStatus.FILED, 5);
        RecordingStore failing = (RecordingStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RecordingStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("knowsFile")) {
                        throw new IllegalStateException("the store is busy");
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        DiskAudit.Report failed = new DiskAudit(failing, dir, GatewayMetrics.NOOP,
                new AuditNotes(new InMemoryAuditTrail(java.time.Clock.systemUTC()))).periodicRun();

        assertTrue(failed.walkFailed().orElseThrow().contains("the store is busy"), failed.toString());
        assertEquals(1, failed.flagged());
        assertEquals(RecordingStatus.MISSING, store.byId("h").orElseThrow().status());
    }

    @Test
    void oneRunAsksTheStoreOnceAboutEachKnownFileAndLooksUpOnlyUnknownOnesById() throws Exception {
        // The start-up's only walk of the directory (the shared-directory rule is applied inside it, not in a walk of its own).
        Map<String, Integer> knowsFile = new ConcurrentHashMap<>();
        Map<String, Integer> byId = new ConcurrentHashMap<>();
        RecordingStore counting = (RecordingStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RecordingStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("knowsFile")) {
                        knowsFile.merge((String) args[0], 1, Integer::sum);
                    } else if (method.getName().equals("byId")) {
                        byId.merge((String) args[0], 1, Integer::sum);
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        List<String> known = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = "0f1e2d3c-4b5a-4697-8877-66554433221" + i;
            known.add(filed(id, Files.write(dir.resolve(id + ".wav"), new byte[] {1}), RecordingStatus.FILED, 1).filePath());
        }
        String strayId = "99999999-4b5a-4697-8877-665544332211";
        Path stray = Files.write(dir.resolve(strayId + ".wav"), new byte[] {1, 2});
        byId.clear();

        List<Recording> quarantined = new DiskAudit(counting, dir, GatewayMetrics.NOOP,
                new AuditNotes(new InMemoryAuditTrail(java.time.Clock.systemUTC()))).run();

        assertEquals(List.of(stray.toString()), quarantined.stream().map(Recording::filePath).toList());
        for (String file : known) {
            assertEquals(1, knowsFile.get(file), file);
        }
        assertEquals(2, knowsFile.get(stray.toString()), "the stray: once in the walk, once more under its claim");
        assertEquals(Map.of(strayId, 1), byId, "only the unknown file's recording is looked up (the shared-directory rule)");
    }
}
