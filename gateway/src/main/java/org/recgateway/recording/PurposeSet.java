package org.recgateway.recording;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;

/**
 * Why a recording is kept: its main purpose and basis, every purpose it carries (ended ones included,
 * with when and why), the longest retention, and when the last purpose's deadline falls.
 *
 * @param main      the main purpose (the first of {@code all}); null for a quarantined file
 * @param basis     the main purpose's GDPR basis; null for a quarantined file
 * @param retention the longest retention of its purposes, at the resolution configured; never null
 * @param until     when the last purpose's deadline falls; null until the recording ends
 * @param all       every purpose, the main one first; when empty, the main purpose alone
 */
public record PurposeSet(Purpose main, LegalBasis basis, Duration retention, Instant until, List<RecordedPurpose> all) {
    /** No purpose: a file no call accounts for. */
    public static final PurposeSet NONE = new PurposeSet(null, null, Duration.ZERO, null, List.of());

    public PurposeSet {
        retention = retention == null ? Duration.ZERO : retention;
        all = all == null || all.isEmpty() ? mainOnly(main, basis, retention) : List.copyOf(all);
    }

    /** The purposes of a recording that has not ended: the first is the main one, the retention the longest. */
    public static PurposeSet of(List<RecordedPurpose> purposes) {
        RecordedPurpose first = purposes.getFirst();
        Duration longest = purposes.stream().map(RecordedPurpose::retention).max(Duration::compareTo).orElseThrow();
        return new PurposeSet(first.purpose(), first.basis(), longest, null, purposes);
    }

    /** One purpose on one basis, kept {@code retention} after the recording ends. */
    public static PurposeSet of(Purpose purpose, LegalBasis basis, Duration retention) {
        return new PurposeSet(purpose, basis, retention, null, List.of());
    }

    /** The same set with these purposes (e.g. some ended), main purpose and deadline unchanged. */
    public PurposeSet with(List<RecordedPurpose> purposes) {
        return new PurposeSet(main, basis, retention, until, purposes);
    }

    private static List<RecordedPurpose> mainOnly(Purpose purpose, LegalBasis basis, Duration retention) {
        return purpose == null || basis == null ? List.of() : List.of(new RecordedPurpose(purpose, basis, retention));
    }
}
