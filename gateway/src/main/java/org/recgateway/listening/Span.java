package org.recgateway.listening;

/** A stretch of a recording the provider may hear: from {@code startMillis}, lasting {@code lengthMillis}. */
public record Span(long startMillis, long lengthMillis) {
    public Span {
        if (startMillis < 0 || lengthMillis < 0) {
            throw new IllegalArgumentException("a span lies inside the recording, got " + startMillis + " + " + lengthMillis);
        }
    }

    public long endMillis() {
        return startMillis + lengthMillis;
    }
}
