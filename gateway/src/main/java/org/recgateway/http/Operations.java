package org.recgateway.http;

import java.util.List;

/**
 * What the unauthenticated operations endpoints serve: {@code GET /health/ready} (200 when
 * {@link #notReady()} is empty, else 503 with the reasons) and {@code GET /metrics} (Prometheus text).
 * {@code GET /health/live} needs nothing: it answers while the process serves HTTP.
 */
public interface Operations {

    /** Why the gateway is not ready, each reason as {@code check: what is wrong and what to do}; empty when ready. */
    List<String> notReady();

    /** Every meter in the Prometheus text exposition format. */
    String prometheus();
}
