package org.recgateway.metrics;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@link GatewayMetrics} on a Micrometer registry; meter names are dotted, e.g. {@code gateway.agi.sessions}. */
public final class MicrometerGatewayMetrics implements GatewayMetrics {
    private final MeterRegistry registry;
    private final AtomicInteger activeSessions = new AtomicInteger();
    private final Counter sessions;

    public MicrometerGatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("gateway.agi.sessions.active", activeSessions);
        this.sessions = registry.counter("gateway.agi.sessions");
    }

    @Override
    public AutoCloseable sessionStarted() {
        sessions.increment();
        activeSessions.incrementAndGet();
        io.micrometer.core.instrument.Timer.Sample started = io.micrometer.core.instrument.Timer.start(registry);
        return () -> {
            activeSessions.decrementAndGet();
            started.stop(registry.timer("gateway.agi.session.time"));
        };
    }

    /** A gauge read on each scrape, e.g. AMI logged in (1/0) or free bytes on the recordings disk. */
    public void gauge(String name, java.util.function.DoubleSupplier value) {
        io.micrometer.core.instrument.Gauge.builder(name, value::getAsDouble).register(registry);
    }

    /** Every meter in the Prometheus text format; empty unless the registry is a Prometheus registry. */
    public String prometheus() {
        return registry instanceof io.micrometer.prometheusmetrics.PrometheusMeterRegistry p ? p.scrape() : "";
    }

    /** A registry that can serve {@link #prometheus()}. */
    public static MicrometerGatewayMetrics withPrometheus() {
        return new MicrometerGatewayMetrics(new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT));
    }

    @Override
    public void sessionRefused(String reason) {
        registry.counter("gateway.agi.sessions.refused", "reason", reason).increment();
    }

    @Override
    public void sessionBroken(String reason) {
        registry.counter("gateway.agi.sessions.broken", "reason", reason).increment();
    }

    @Override
    public void decision(String outcome, String purpose) {
        registry.counter("gateway.policy.decisions", "outcome", outcome, "purpose", purpose).increment();
    }

    @Override
    public void notice(boolean toEnd) {
        registry.counter("gateway.notices", "played", toEnd ? "to-end" : "cut-short").increment();
    }

    @Override
    public void recording(String event) {
        registry.counter("gateway.recordings", "event", event).increment();
    }

    @Override
    public void call(String status, String reason) {
        registry.counter("gateway.calls", "status", status, "reason", reason.isEmpty() ? "none" : reason).increment();
    }

    @Override
    public void consent(boolean given) {
        registry.counter("gateway.consent", "answer", given ? "given" : "declined").increment();
    }

    @Override
    public void objection(String during) {
        registry.counter("gateway.objections", "during", during).increment();
    }

    @Override
    public void diagnosticSwitch(String outcome) {
        registry.counter("gateway.diagnostic.switches", "outcome", outcome).increment();
    }

    @Override
    public void play(String outcome) {
        registry.counter("gateway.plays", "outcome", outcome).increment();
    }

    @Override
    public void deletion(String reason) {
        registry.counter("gateway.deletions", "reason", reason == null || reason.isBlank() ? "other" : reason).increment();
    }

    @Override
    public void writeFailed(String write) {
        registry.counter("gateway.writes.failed", "write", write).increment();
    }

    @Override
    public void policyDecisionTime(long nanos) {
        registry.timer("gateway.policy.decision.time").record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    @Override
    public void storeCommitTime(long nanos, boolean committed) {
        registry.timer("gateway.store.commit.time", "result", committed ? "committed" : "failed")
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** Every meter's current value, keyed by name and tags, e.g. {@code gateway.recordings{event=filed}}. */
    public java.util.Map<String, Object> snapshot() {
        java.util.Map<String, Object> values = new java.util.TreeMap<>();
        for (io.micrometer.core.instrument.Meter meter : registry.getMeters()) {
            StringBuilder key = new StringBuilder(meter.getId().getName());
            if (!meter.getId().getTags().isEmpty()) {
                key.append(meter.getId().getTags().stream().map(t -> t.getKey() + "=" + t.getValue())
                        .collect(java.util.stream.Collectors.joining(",", "{", "}")));
            }
            meter.measure().forEach(m -> values.put(key.toString(), m.getValue()));
        }
        return values;
    }

    public MeterRegistry registry() {
        return registry;
    }
}
