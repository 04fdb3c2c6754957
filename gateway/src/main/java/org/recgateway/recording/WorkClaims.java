package org.recgateway.recording;

import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Work that exactly one gateway does although several could (issue #17: every gateway sees every AMI
 * event of the Asterisk servers it serves, and every gateway runs the same sweeps on one shared store):
 * filing a recording at hangup, deleting its audio, stopping it for a new party, quarantining an unknown
 * file. Before such work a gateway claims {@code (work, subject)}; only one holder has a claim at a time.
 * A claim ends when its holder releases it or when its time runs out (crash safety: the claim of a
 * gateway that died mid-work is taken over by the next gateway that asks after {@code forAtMost}).
 *
 * <p>A claim only excludes; it says nothing about whether the work is still to do. Whoever wins re-reads
 * the state (the recording's status, the deletion's step) and does what is left. Whoever loses skips:
 * the holder is doing it, or has done it.
 */
public interface WorkClaims {

    /**
     * Claims {@code (work, subject)} for this gateway for at most {@code forAtMost}.
     *
     * @param work      a fixed word for the kind of work, e.g. {@code filing}, {@code deletion}
     * @param subject   what the work is on, e.g. a recording id or a file path
     * @param forAtMost how long the claim holds if it is never released (the holder died)
     * @return true when this gateway holds the claim now; false when another holder does
     * @throws RuntimeException when the store cannot be asked (the work is then not done; the next try asks again)
     */
    boolean claim(String work, String subject, Duration forAtMost);

    /** Ends this gateway's claim of {@code (work, subject)}; nothing when it does not hold it. Never throws. */
    void release(String work, String subject);

    /** Who this gateway is in claims (host and process id), for logs. */
    String holder();

    /**
     * Claims held in this process only: right where one process is the only one that does this work (the
     * embedded store serves one gateway), and for tests.
     */
    static WorkClaims local(Clock clock) {
        return new WorkClaims() {
            private final Map<String, Instant> held = new ConcurrentHashMap<>();

            @Override
            public boolean claim(String work, String subject, Duration forAtMost) {
                Instant now = clock.instant();
                Instant until = now.plus(forAtMost);
                String key = work + "\u0000" + subject;
                boolean[] won = {false};
                held.compute(key, (k, old) -> {
                    if (old == null || old.isBefore(now)) {
                        won[0] = true;
                        return until;
                    }
                    return old;
                });
                return won[0];
            }

            @Override
            public void release(String work, String subject) {
                held.remove(work + "\u0000" + subject);
            }

            private volatile String holder;

            @Override
            public String holder() {
                if (holder == null) {
                    holder = thisProcess();  // looked up on first use: the host name may take a lookup
                }
                return holder;
            }
        };
    }

    /** Local claims on the system clock. */
    static WorkClaims local() {
        return local(Clock.systemUTC());
    }

    /** This process as a claim holder: host name and process id, and a random part so a restarted process is a new holder. */
    static String thisProcess() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return host + ":" + ProcessHandle.current().pid() + ":" + Long.toHexString(new SecureRandom().nextLong() & 0xffffffL);
    }
}
