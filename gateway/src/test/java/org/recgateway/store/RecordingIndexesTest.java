package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.PhoneNumbers;
import org.recgateway.recording.RecordingQuery;
import org.recgateway.recording.TestRecordings;

/**
 * The {@code recordings} table keeps only indexes some query uses (issue 13: each index costs every insert and
 * filing update on the one serial writer). V17 dropped those on {@code caller_number}, {@code called_number} and
 * {@code purpose}: numbers are searched by their keys, purposes through {@code recording_purposes}.
 */
class RecordingIndexesTest {
    @TempDir
    Path dir;

    @Test
    void theNumberAndMainPurposeColumnsHaveNoIndexLeft() throws SQLException {
        Path db = dir.resolve("r.db");
        TestStores.open(db).close();
        try (Connection c = TestStores.connect(db)) {
            Set<String> indexes = indexesOfRecordings(c);
            assertTrue(indexes.contains("recordings_caller_key") && indexes.contains("recordings_called_key")
                    && indexes.contains("recordings_status"), "the indexes queries use stay: " + indexes);
            for (String dropped : List.of("recordings_caller_number", "recordings_called_number", "recordings_purpose")) {
                assertTrue(!indexes.contains(dropped), dropped + " is gone: " + indexes);
            }
        }
    }

    @Test
    void theNumberSearchStillUsesTheKeyIndexes() throws SQLException {
        Path db = dir.resolve("r.db");
        PhoneNumbers numbers = PhoneNumbers.withDefaultRegion("NL");
        try (JdbcRecordingStore store = TestStores.open(db, numbers)) {
            store.insert(TestRecordings.active("a", 0, "0612345678", "1001", Purpose.QUALITY));
        }
        QuerySql search = QuerySql.of(new RecordingQuery(Optional.empty(), Optional.empty(),
                Optional.of("06 1234 5678"), Optional.empty(), Optional.empty(), Optional.empty(), 50), numbers);
        String plan = plan(db, search);
        assertTrue(plan.contains("recordings_caller_key") && plan.contains("recordings_called_key"),
                "the search by number goes through both key indexes: " + plan);
    }

    /** The query plan of {@code query}, one line per node (PostgreSQL told not to scan, as it would on a tiny table). */
    private static String plan(Path db, QuerySql query) throws SQLException {
        try (Connection c = TestStores.connect(db)) {
            if (TestStores.onPostgres()) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET enable_seqscan = off");
                }
            }
            String explain = TestStores.onPostgres() ? "EXPLAIN " : "EXPLAIN QUERY PLAN ";
            List<String> lines = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(explain + query.sql())) {
                for (int i = 0; i < query.parameters().size(); i++) {
                    s.setObject(i + 1, query.parameters().get(i));
                }
                try (ResultSet rows = s.executeQuery()) {
                    int column = rows.getMetaData().getColumnCount();  // SQLite: id, parent, notused, detail
                    while (rows.next()) {
                        lines.add(rows.getString(column));
                    }
                }
            }
            return String.join("\n", lines);
        }
    }

    private static Set<String> indexesOfRecordings(Connection c) throws SQLException {
        String sql = TestStores.onPostgres()
                ? "SELECT indexname FROM pg_indexes WHERE tablename = 'recordings'"
                : "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'recordings'";
        Set<String> names = new TreeSet<>();
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        assertEquals(false, names.isEmpty(), "recordings has indexes");
        return names;
    }
}
