package org.recgateway.config;

import java.nio.file.Path;
import java.time.Duration;

import org.recgateway.recording.PhoneNumbers;

/**
 * The privacy officer's side: how phone numbers are read, how often retention is enforced, and where
 * the key of the numbers' pseudonyms lives.
 *
 * @param defaultRegion the country of numbers written without a country code (ISO 3166-1 alpha-2, e.g. {@code NL});
 *                      numbers are filed and searched by their E.164 form
 * @param sweepInterval how often the retention sweep runs (it also runs at start-up)
 * @param pseudonymKey  the file holding the secret key of the numbers' pseudonyms in the audit trail (HMAC-SHA256);
 *                      outside the database (by default {@code pseudonym.key} beside it), made on first start when missing
 */
public record PrivacyConfig(String defaultRegion, Duration sweepInterval, Path pseudonymKey) {

    /** {@code store} is the database file: the pseudonym key's default place is beside it (outside it). */
    static PrivacyConfig read(Section s, Path store) {
        String region = s.text("defaultRegion").map(t -> {
            try {
                return PhoneNumbers.withDefaultRegion(t.value()).defaultRegion();
            } catch (IllegalArgumentException e) {
                s.problems().add(t.line(), t.key(), e.getMessage());
                return Defaults.PRIVACY_DEFAULT_REGION;
            }
        }).orElse(Defaults.PRIVACY_DEFAULT_REGION);
        Duration sweep = s.duration("sweepInterval", Defaults.PRIVACY_SWEEP_INTERVAL);
        Path key = Checks.localPath(s, "pseudonymKey",
                store.toAbsolutePath().getParent().resolve(Defaults.PRIVACY_PSEUDONYM_KEY).toString());
        s.finish();
        return new PrivacyConfig(region, sweep, key);
    }

    /** How numbers are keyed for this configuration. */
    public PhoneNumbers numbers() {
        return PhoneNumbers.withDefaultRegion(defaultRegion);
    }
}
