package org.recgateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.recgateway.audit.HashChain;

/**
 * What an audit append reads before it links its event, in the fewest round trips the database
 * allows: it takes the chain's lock, reads the last event and, for an event that changes a recording,
 * the recording's evidence digest ({@link EvidenceDigest}).
 *
 * <p>On PostgreSQL all of it is one multi-statement query, so <b>one round trip</b> instead of seven (the
 * advisory lock, the last event, five evidence queries): the JDBC driver sends the statements with a single
 * Sync and the server runs them in order in the open transaction, so the lock is held before the last event
 * is read, exactly as with separate statements. The evidence parts are read by the same statements as
 * before, so the digest's bytes are unchanged ({@code AuditChainCompatibilityTest}). On SQLite (in process:
 * there is no round trip to save, and the driver runs one statement per prepared statement) the write
 * transaction already holds the lock and the statements stay separate.
 *
 * @param sequence the sequence number the appended event gets (1 for an empty trail)
 * @param previousHash the last event's hash, or {@link HashChain#GENESIS} for an empty trail
 * @param evidence the recording's evidence digest as of now, or null when none was asked for
 */
record ChainHeadRead(long sequence, String previousHash, String evidence) {

    private static final String LAST = "SELECT sequence, hash FROM audit_events ORDER BY sequence DESC LIMIT 1";
    private static final String LOCK = "SELECT pg_advisory_xact_lock(" + Dialect.AUDIT_CHAIN_LOCK + ")";

    /**
     * Reads the chain head (and {@code evidenceOf}'s digest unless it is null) inside the writer's open
     * transaction on {@code c}, whose prepared statements {@code statements} caches.
     */
    static ChainHeadRead read(Dialect dialect, Connection c, StatementCache statements, String evidenceOf) throws SQLException {
        if (dialect != Dialect.POSTGRESQL) {
            dialect.lockAuditChain(c);
            ChainHeadRead head = last(statements.get(LAST).executeQuery(), null);
            return evidenceOf == null ? head : new ChainHeadRead(head.sequence, head.previousHash,
                    EvidenceDigest.of(statements, evidenceOf));
        }
        String sql = LOCK + "; " + LAST + (evidenceOf == null ? "" : "; " + String.join("; ", EvidenceDigest.PARTS.values()));
        PreparedStatement s = statements.get(sql);  // two fixed texts, each prepared once per connection
        if (evidenceOf != null) {
            EvidenceDigest.bindEachPart(s, 0, evidenceOf);
        }
        s.execute();  // the lock's result is the current one
        if (!s.getMoreResults()) {
            throw new SQLException("the chain head query returned no last-event result");
        }
        ChainHeadRead head = last(s.getResultSet(), null);
        return evidenceOf == null ? head : new ChainHeadRead(head.sequence, head.previousHash, EvidenceDigest.readParts(s, false));
    }

    private static ChainHeadRead last(ResultSet result, String evidence) throws SQLException {
        try (result) {
            return result.next() ? new ChainHeadRead(Math.addExact(result.getLong(1), 1), result.getString(2), evidence)
                    : new ChainHeadRead(1, HashChain.GENESIS, evidence);
        }
    }
}
