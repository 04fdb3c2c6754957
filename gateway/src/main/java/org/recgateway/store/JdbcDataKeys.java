package org.recgateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import org.recgateway.recording.DataKeys;

/**
 * Wrapped data keys in the recording store's {@code recording_keys} table, written through the
 * store's group-committing writer (durable on return). The database runs with {@code secure_delete},
 * so a destroyed key's bytes are overwritten in the file.
 */
public final class JdbcDataKeys implements DataKeys {
    static final String PUT = "INSERT INTO recording_keys (id, wrapped) VALUES (?, ?)"
            + " ON CONFLICT (id) DO UPDATE SET wrapped = excluded.wrapped";

    private final JdbcRecordingStore store;

    private JdbcDataKeys(JdbcRecordingStore store) {
        this.store = store;
    }

    /** The data keys in {@code store}'s database. */
    public static JdbcDataKeys of(JdbcRecordingStore store) {
        return new JdbcDataKeys(store);
    }

    @Override
    public void put(String id, byte[] wrapped) {
        store.write("store the data key of " + id, c -> {
            // prepared once on the writer, not for each key (issue 13: one per sealed recording)
            PreparedStatement s = store.writeStatements().get(PUT);
            s.setString(1, id);
            s.setBytes(2, wrapped);
            return s.executeUpdate();
        });
    }

    @Override
    public Optional<byte[]> get(String id) {
        return store.locked("read the data key of " + id, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT wrapped FROM recording_keys WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet row = s.executeQuery()) {
                    return row.next() ? Optional.ofNullable(row.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }

    @Override
    public boolean destroy(String id) {
        return store.write("destroy the data key of " + id, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM recording_keys WHERE id = ?")) {
                s.setString(1, id);
                return s.executeUpdate() > 0;
            }
        });
    }

    @Override
    public List<String> ids() {
        return store.locked("list data keys", c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM recording_keys ORDER BY id");
                 ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return List.copyOf(ids);
        });
    }

    @Override
    public int rewrapAll(BiFunction<String, byte[], byte[]> rewrap) {
        return store.write("re-wrap every data key", c -> {
            Map<String, byte[]> all = new java.util.LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, wrapped FROM recording_keys ORDER BY id");
                 ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    all.put(rows.getString(1), rows.getBytes(2));
                }
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE recording_keys SET wrapped = ? WHERE id = ?")) {
                for (Map.Entry<String, byte[]> key : all.entrySet()) {
                    s.setBytes(1, rewrap.apply(key.getKey(), key.getValue()));
                    s.setString(2, key.getKey());
                    s.executeUpdate();
                }
            }
            return all.size();
        });
    }
}
