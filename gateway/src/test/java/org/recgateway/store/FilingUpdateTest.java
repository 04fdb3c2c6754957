package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.Deletion;
import org.recgateway.recording.Evidence;
import org.recgateway.recording.PhoneNumbers;
import org.recgateway.recording.RecordedCall;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.TestRecordings;

/**
 * The filing update of a recording this store inserted sets only the columns that change after the insert (issue 13:
 * it set all 37, and SQLite rewrote every index on them), and leaves exactly the row the update of every column wrote.
 * The columns it skips are watched with an {@code AFTER UPDATE OF} trigger, which both databases fire for every
 * column an UPDATE names, whether or not its value changes.
 */
class FilingUpdateTest {
    /** Written once by the insert: no {@code Recording} method changes them. */
    private static final List<String> FIXED = List.of("unique_id", "linked_id", "channel", "caller_number",
            "called_number", "purpose", "legal_basis", "rule_name", "retention_days", "notice_prompt_id",
            "notice_language", "notice_text_version", "notice_text_sha256", "notice_audio_sha256", "notice_started",
            "notice_ended", "notice_played_to_end", "notice_end_position", "notice_expected_samples",
            "notice_played_format", "notice_played_sha256", "notice_audio_files", "started", "caller_key", "called_key",
            "retention_seconds", "asterisk_server");

    @TempDir
    Path dir;
    private final PhoneNumbers numbers = PhoneNumbers.withDefaultRegion("NL");

    @Test
    void everyColumnIsEitherFixedAtTheInsertOrChanging() {
        List<String> both = new ArrayList<>(FIXED);
        both.addAll(ChangingColumns.NAMES);
        both.add("id");
        assertEquals(new TreeSet<>(RecordingRows.COLUMNS), new TreeSet<>(both));
        assertEquals(RecordingRows.COLUMNS.size(), both.size(), "no column in both lists");
    }

    @Test
    void theFilingUpdateWritesNoFixedColumnAndLeavesTheRowTheFullUpdateWrote() throws Exception {
        // "changing": insert and updates in one store; "full": the store is reopened after the inserts, so it has no
        // memory of them and names every column, as every update did before this change
        Path changing = dir.resolve("changing.db");
        Path full = dir.resolve("full.db");
        List<String> changingWrites = fileEach(changing, false);
        List<String> fullWrites = fileEach(full, true);

        assertEquals(List.of(), changingWrites, "the filing updates set no column fixed at the insert");
        assertEquals(6, fullWrites.size(), "the control: an update naming every column fires the trigger");
        assertEquals(rows(full, "recordings"), rows(changing, "recordings"));
        assertEquals(rows(full, "recording_purposes"), rows(changing, "recording_purposes"));
        assertTrue(rows(changing, "recordings").toString().contains("+31612345678"), "the keys are stored");
    }

    @Test
    void whatChangesIsStoredAndAFixedColumnThatDiffersIsWrittenToo() throws Exception {
        Path db = dir.resolve("r.db");
        try (JdbcRecordingStore store = TestStores.open(db, numbers)) {
            watchFixedColumns(db);
            Recording active = TestRecordings.active("a", 0, "0612345678", "1001", Purpose.QUALITY);
            store.insert(active);
            Recording moved = active.keptIn("/var/spool/recgateway/elsewhere/a.wav");
            store.update(moved);
            assertEquals(moved, store.byId("a").orElseThrow(), "a new file path is stored");
            Recording filed = TestRecordings.filed(moved);
            store.update(filed);
            assertEquals(filed, store.byId("a").orElseThrow(), "status, end, size, hash and deadline are stored");
            assertEquals(List.of(), fixedWrites(db));

            Recording other = TestRecordings.active("b", 1, "0612345679", "1002", Purpose.QUALITY);
            store.insert(other);
            // not something the gateway does, but the update must store it: a call and a rule other than inserted
            Recording changed = new Recording("b", RecordingStatus.ACTIVE,
                    new RecordedCall("1.2", "linked-x", "PJSIP/other-1", "0612345679", "1002", "pbx-2"),
                    new Evidence("another rule", other.notice(), null), other.audio(), other.purposeSet(), null);
            store.update(changed);
            assertEquals(changed, store.byId("b").orElseThrow());
            assertEquals(List.of("b"), fixedWrites(db), "a fixed column that differs is written by the full update");
        }
    }

    /**
     * Inserts four recordings, then gives each an update while active, a filing update and one more update: the
     * deletion of the audio of one (after the filing, which forgot the insert, so that one names every column).
     * Returns the ids whose fixed columns an update named.
     */
    private List<String> fileEach(Path db, boolean reopen) throws Exception {
        String[][] numbersOf = {{"0612345678", "1001"}, {"+31 6 1234 5678", "06-12345678"}, {"anonymous", "(1003)"},
            {null, "+32 2 123 45 67"}};
        List<Recording> active = new ArrayList<>();
        JdbcRecordingStore store = TestStores.open(db, numbers);
        try {
            watchFixedColumns(db);
            for (int i = 0; i < numbersOf.length; i++) {
                Recording r = TestRecordings.active("r" + i, i, numbersOf[i][0], numbersOf[i][1],
                        i == 2 ? Purpose.CONTRACT_EVIDENCE : Purpose.QUALITY);
                active.add(i == 3 ? new Recording(r.id(), r.status(), r.call().on("pbx-2"), r.evidence(), r.audio(),
                        r.purposeSet(), null) : r);
                store.insert(active.get(i));
            }
            if (reopen) {
                store.close();
                store = TestStores.open(db, numbers);
            }
            for (Recording r : active.subList(0, 2)) {
                store.update(r.withFile(RecordingStatus.ACTIVE, r.filePath() + ".part", null, null));
            }
            for (Recording r : active) {
                // as the gateway files: from the row read back, not the object it inserted
                Recording current = store.byId(r.id()).orElseThrow();
                store.update(TestRecordings.filed(current).keptIn(r.filePath() + ".sealed"));
            }
        } finally {
            store.close();
        }
        List<String> writes = fixedWrites(db);
        try (JdbcRecordingStore again = TestStores.open(db, numbers)) {
            Recording filed = again.byId("r0").orElseThrow();
            again.update(filed.withDeletion(new Deletion(Instant.parse("2025-06-01T00:00:00Z"), "erasure", "dpo", true),
                    filed.sizeBytes(), filed.sha256()));
        }
        return writes;
    }

    /** Logs, in {@code fixed_writes}, the id of every row an UPDATE that names a {@link #FIXED} column touches. */
    private static void watchFixedColumns(Path db) throws SQLException {
        String columns = String.join(", ", FIXED);
        try (Connection c = TestStores.connect(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE fixed_writes (recording_id TEXT)");
            if (TestStores.onPostgres()) {
                s.execute("CREATE FUNCTION fixed_written() RETURNS trigger LANGUAGE plpgsql AS"
                        + " $$ BEGIN INSERT INTO fixed_writes VALUES (NEW.id); RETURN NULL; END $$");
                s.execute("CREATE TRIGGER fixed_written AFTER UPDATE OF " + columns
                        + " ON recordings FOR EACH ROW EXECUTE FUNCTION fixed_written()");
            } else {
                s.execute("CREATE TRIGGER fixed_written AFTER UPDATE OF " + columns
                        + " ON recordings BEGIN INSERT INTO fixed_writes VALUES (NEW.id); END");
            }
        }
    }

    private static List<String> fixedWrites(Path db) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = TestStores.connect(db); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT recording_id FROM fixed_writes ORDER BY recording_id")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    /** Every column of every row of {@code table}, by name, in key order. */
    private static List<List<String>> rows(Path db, String table) throws SQLException {
        String order = table.equals("recordings") ? "id" : "recording_id, position";
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = TestStores.connect(db);
             PreparedStatement s = c.prepareStatement("SELECT * FROM " + table + " ORDER BY " + order);
             ResultSet r = s.executeQuery()) {
            ResultSetMetaData meta = r.getMetaData();
            while (r.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(meta.getColumnName(i) + "=" + r.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
