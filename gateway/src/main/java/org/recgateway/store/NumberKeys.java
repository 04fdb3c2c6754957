package org.recgateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.recgateway.recording.PhoneNumbers;

/**
 * Fills in the number keys ({@code caller_key}, {@code called_key}) of rows filed before schema 6,
 * which SQL cannot compute (libphonenumber does). Runs when the store opens, in batches, each in its
 * own transaction; a store with nothing to fill costs one indexed-less scan.
 */
final class NumberKeys {
    private static final int BATCH = 1_000;

    private NumberKeys() {
    }

    static Void fill(Connection c, PhoneNumbers numbers) throws SQLException {
        while (true) {
            List<String[]> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, caller_number, called_number FROM recordings"
                    + " WHERE (caller_key IS NULL AND caller_number IS NOT NULL)"
                    + " OR (called_key IS NULL AND called_number IS NOT NULL) LIMIT " + BATCH);
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new String[] {r.getString(1), r.getString(2), r.getString(3)});
                }
            }
            if (rows.isEmpty()) {
                return null;
            }
            c.setAutoCommit(false);
            try (PreparedStatement u = c.prepareStatement("UPDATE recordings SET caller_key = ?, called_key = ? WHERE id = ?")) {
                for (String[] row : rows) {
                    u.setString(1, numbers.key(row[1]));
                    u.setString(2, numbers.key(row[2]));
                    u.setString(3, row[0]);
                    u.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
