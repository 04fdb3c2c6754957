package org.recgateway.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MicrometerGatewayMetricsTest {

    @Test
    void amiEventsAreCountedPerTypeAndServedOnMetrics() {
        MicrometerGatewayMetrics metrics = MicrometerGatewayMetrics.withPrometheus();
        metrics.amiEvent("Hangup");
        metrics.amiEvent("BridgeEnter");
        metrics.amiEvent("Hangup");

        assertEquals(2.0, metrics.snapshot().get("gateway.ami.events{event=Hangup}"));
        assertEquals(1.0, metrics.snapshot().get("gateway.ami.events{event=BridgeEnter}"));
        assertTrue(metrics.prometheus().contains("gateway_ami_events_total{event=\"Hangup\"} 2.0"), metrics.prometheus());
    }
}
