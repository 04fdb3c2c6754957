package org.recgateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.recgateway.recording.LegalHold;
import org.recgateway.recording.PhoneNumbers;
import org.recgateway.recording.Recording;
import org.recgateway.recording.LegalHolds;

/** Legal holds in the recordings database ({@code legal_holds}); writes ride the store's group commit. */
public final class JdbcLegalHolds implements LegalHolds {
    private static final String COLUMNS = "id, kind, target, reason, set_by, set_at, lifted_by, lifted_at";

    private final JdbcRecordingStore store;
    private final PhoneNumbers numbers;

    JdbcLegalHolds(JdbcRecordingStore store, PhoneNumbers numbers) {
        this.store = store;
        this.numbers = numbers;
    }

    @Override
    public LegalHold place(LegalHold.Kind kind, String target, String reason, String by, Instant at) {
        String stored = kind == LegalHold.Kind.NUMBER ? numbers.key(target) : target;
        LegalHold hold = new LegalHold(UUID.randomUUID().toString(), kind, stored, reason, by, at, null, null);
        store.write("place legal hold", c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO legal_holds (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, NULL, NULL)")) {
                s.setString(1, hold.id());
                s.setString(2, kind.id());
                s.setString(3, stored);
                s.setString(4, reason);
                s.setString(5, by);
                s.setString(6, Timestamps.format(at));
                s.executeUpdate();
            }
            return null;
        });
        return hold;
    }

    @Override
    public Optional<LegalHold> lift(String holdId, String by, Instant at) {
        int changed = store.write("lift legal hold " + holdId, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE legal_holds SET lifted_by = ?, lifted_at = ?"
                    + " WHERE id = ? AND lifted_at IS NULL")) {
                s.setString(1, by);
                s.setString(2, Timestamps.format(at));
                s.setString(3, holdId);
                return s.executeUpdate();
            }
        });
        return changed == 0 ? Optional.empty() : select(" WHERE id = ?", holdId).stream().findFirst();
    }

    @Override
    public List<LegalHold> all() {
        return select(" ORDER BY set_at DESC, id", null);
    }

    @Override
    public List<LegalHold> covering(Recording recording) {
        return store.read("list the holds on recording " + recording.id(), c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM legal_holds h WHERE "
                    + HoldRows.condition("?", "?", "?") + " ORDER BY set_at")) {
                // Plain "?" bound in the order they appear (the id twice): PostgreSQL's driver knows no numbered "?1".
                s.setString(1, recording.id());
                s.setString(2, numbers.key(recording.callerNumber()));
                s.setString(3, numbers.key(recording.calledNumber()));
                s.setString(4, recording.id());
                return readAll(s);
            }
        });
    }

    private List<LegalHold> select(String where, String parameter) {
        return store.read("list legal holds", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM legal_holds" + where)) {
                if (parameter != null) {
                    s.setString(1, parameter);
                }
                return readAll(s);
            }
        });
    }

    private static List<LegalHold> readAll(PreparedStatement s) throws SQLException {
        List<LegalHold> holds = new ArrayList<>();
        try (ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                holds.add(new LegalHold(rows.getString(1), LegalHold.Kind.fromId(rows.getString(2)).orElseThrow(
                        () -> new StoreException("legal hold with unknown kind; was the database written by a newer gateway?")),
                        rows.getString(3), rows.getString(4), rows.getString(5), Timestamps.parse(rows.getString(6)),
                        rows.getString(7), Timestamps.parse(rows.getString(8))));
            }
        }
        return List.copyOf(holds);
    }
}
