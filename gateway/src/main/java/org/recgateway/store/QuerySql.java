package org.recgateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.recgateway.recording.PhoneNumbers;
import org.recgateway.recording.RecordingQuery;

/**
 * The SELECT for a {@link RecordingQuery}: the WHERE clause is built from fixed column conditions
 * for the criteria that are present; every value is a {@code ?} parameter.
 */
record QuerySql(String sql, List<Object> parameters) {

    QuerySql {
        parameters = List.copyOf(parameters);
    }

    static QuerySql of(RecordingQuery query, PhoneNumbers numbers) {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        query.uniqueId().ifPresent(v -> add(conditions, parameters, "unique_id = ?", v));
        query.linkedId().ifPresent(v -> add(conditions, parameters, "linked_id = ?", v));
        query.number().ifPresent(v -> {
            // Every notation of a number has one key (E.164 where it can be placed), filed and searched alike.
            conditions.add("(caller_key = ? OR called_key = ?)");
            parameters.add(numbers.key(v));
            parameters.add(numbers.key(v));
        });
        // Any of the recording's purposes in force, not only the main one: access and deletion follow each
        // purpose, and a purpose that ended (retention, erasure) no longer finds the recording.
        query.purpose().ifPresent(v -> add(conditions, parameters,
                "id IN (SELECT recording_id FROM recording_purposes WHERE purpose = ? AND ended_at IS NULL)", v.id()));
        query.from().ifPresent(v -> add(conditions, parameters, "started >= ?", Timestamps.format(v)));
        query.to().ifPresent(v -> add(conditions, parameters, "started < ?", Timestamps.format(v)));
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        parameters.add(query.limit());
        return new QuerySql(RecordingRows.SELECT + where + " ORDER BY started DESC, id DESC LIMIT ?", parameters);
    }

    /** The cached statement for this query's shape, bound to its values (the shapes are few: one per set of conditions). */
    PreparedStatement prepare(StatementCache statements) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
        return statement;
    }

    private static void add(List<String> conditions, List<Object> parameters, String condition, Object value) {
        conditions.add(condition);
        parameters.add(value);
    }
}
