package org.recgateway;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.recgateway.config.GatewayConfig;
import org.recgateway.health.DiskFloor;
import org.recgateway.health.PromptsInstalled;
import org.recgateway.health.Readiness;
import org.recgateway.http.Operations;
import org.recgateway.metrics.MicrometerGatewayMetrics;
import org.recgateway.prompts.ManifestPromptLibrary;
import org.recgateway.prompts.PromptLibrary;
import org.recgateway.store.Database;

/**
 * What operators watch: the gauges (store writable, AMI logged in, free bytes on the recordings disk), the store's
 * commit-time meter, and the readiness checks behind {@code /ready}, both served by {@link #operations}.
 */
final class Monitoring {

    private Monitoring() {
    }

    /** Registers the gauges and the commit-time meter on {@code metrics}. */
    static void watch(MicrometerGatewayMetrics metrics, Database database, DiskFloor disk, BooleanSupplier amiLoggedIn) {
        database.commitTimes(metrics::storeCommitTime);
        metrics.gauge("gateway.store.writable", () -> database.unavailable().isEmpty() ? 1 : 0);
        metrics.gauge("gateway.store.queued.writes", database::queuedWrites);
        metrics.gauge("gateway.ami.logged.in", () -> amiLoggedIn.getAsBoolean() ? 1 : 0);
        metrics.gauge("gateway.recordings.disk.free.bytes", () -> {
            try {
                return disk.freeBytes();
            } catch (IOException e) {
                return -1;
            }
        });
    }

    /**
     * The readiness checks: the store takes a write, AMI is logged in (when enabled), the prompts are installed
     * where Asterisk plays them (for a manifest library), and the recordings disk is above its floor.
     */
    static Readiness readiness(GatewayConfig config, Database database, PromptLibrary prompts,
                               java.util.function.Supplier<List<String>> amiNotLoggedIn, DiskFloor disk, Clock clock) {
        return new Readiness(List.of(
                new Readiness.Named("store-writable", () -> {
                    database.probeWrite(clock.instant());
                    return Optional.empty();
                }),
                new Readiness.Named("ami", () -> ami(config.ami().enabled(), amiNotLoggedIn.get())),
                new Readiness.Named("prompts-installed", prompts instanceof ManifestPromptLibrary library
                        ? new PromptsInstalled(library.prompts(), config.prompts().sounds(), config.prompts().asteriskSounds())
                        : () -> Optional.empty()),
                new Readiness.Named("recordings-disk", disk)));
    }

    /**
     * The AMI readiness problem: names each Asterisk server whose AMI is not logged in (issue #17 item 3: the features
     * of the others keep working, so the operator must see which one is down); empty when all are logged in.
     */
    static Optional<String> ami(boolean enabled, List<String> notLoggedIn) {
        if (!enabled || notLoggedIn.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("AMI not logged in to Asterisk server " + String.join(", ", notLoggedIn)
                + "; calls on it are not filed or steered until it is back (the other servers' calls are):"
                + " check that Asterisk runs there and the AMI user and password match");
    }

    /** The operations endpoints' view: what is not ready, and the Prometheus scrape. */
    static Operations operations(Readiness readiness, MicrometerGatewayMetrics metrics) {
        return new Operations() {
            @Override
            public List<String> notReady() {
                return readiness.problems();
            }

            @Override
            public String prometheus() {
                return metrics.prometheus();
            }
        };
    }
}
