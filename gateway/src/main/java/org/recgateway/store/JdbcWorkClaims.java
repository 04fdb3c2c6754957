package org.recgateway.store;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.recgateway.recording.WorkClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims kept in the database every gateway shares (table {@code work_claims}, migration V14), so they hold across
 * processes: one {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE expires < now} either inserts the claim, takes
 * over an expired one, or changes nothing (another holder has it). The statement is atomic in both databases:
 * PostgreSQL makes a concurrent insert of the same key wait and then re-checks the condition; SQLite has one
 * writer at a time. Runs on the store's writing connection in auto-commit mode, outside the group commit, so the
 * answer is durable before the work starts.
 */
final class JdbcWorkClaims implements WorkClaims {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcWorkClaims.class);
    private static final String CLAIM = "INSERT INTO work_claims (work, subject, holder, expires) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (work, subject) DO UPDATE SET holder = excluded.holder, expires = excluded.expires"
            + " WHERE work_claims.expires < ?";

    private final JdbcRecordingStore store;
    private final Clock clock;
    private final String holder;

    JdbcWorkClaims(JdbcRecordingStore store, Clock clock, String holder) {
        this.store = store;
        this.clock = clock;
        this.holder = holder;
    }

    @Override
    public boolean claim(String work, String subject, Duration forAtMost) {
        Instant now = clock.instant();
        return store.locked("claim " + work + " of " + subject, c -> {
            try (PreparedStatement s = c.prepareStatement(CLAIM)) {
                s.setString(1, work);
                s.setString(2, subject);
                s.setString(3, holder);
                s.setString(4, Timestamps.format(now.plus(forAtMost)));
                s.setString(5, Timestamps.format(now));
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void release(String work, String subject) {
        try {
            store.locked("release the claim of " + work + " of " + subject, c -> {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM work_claims WHERE work = ? AND subject = ? AND holder = ?")) {
                    s.setString(1, work);
                    s.setString(2, subject);
                    s.setString(3, holder);
                    return s.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("could not release the claim of {} of {} ({}); it expires by itself and another gateway may then take it",
                    work, subject, e.toString());
        }
    }

    @Override
    public String holder() {
        return holder;
    }
}
