package org.recgateway.recording;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

/**
 * One key per phone number, whatever its notation: a number Google's libphonenumber can place is
 * keyed by its E.164 form ({@code 0612345678}, {@code 06-12345678}, {@code 06 1234 5678},
 * {@code 0031612345678} and {@code +31 6 12345678} all become {@code +31612345678} with default
 * region {@code NL}). What it cannot place (an internal extension such as {@code 1001}, an
 * anonymous caller) is keyed by the text without spaces, dashes, dots and parentheses. Filing and
 * searching use the same key, so every notation of a number finds the same recordings; the
 * original notation is kept for display.
 */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Pattern SEPARATORS = Pattern.compile("[\\s().\\-/]");
    /** Only digits, a leading plus and separators are read as a number (no letters: {@code agent1} is not a vanity number). */
    private static final Pattern DIALLABLE = Pattern.compile("\\+?[0-9\\s().\\-/]+");
    /**
     * What a request may give as a number, in any notation: digits, letters (extensions), spaces and
     * {@code + * # ( ) . / _ -}, 1 to 64 characters. Adapters check input against it.
     */
    public static final Pattern NOTATION = Pattern.compile("[A-Za-z0-9+*#()./_ -]{1,64}");
    /** The words for {@link #NOTATION} in an error message. */
    public static final String NOTATION_TEXT = "a phone number in any notation (e.g. 06 1234 5678, 06-12345678, +31612345678,"
            + " 0031612345678): 1-64 of digits, letters, spaces and + * # ( ) . / _ -";
    /** Longest text accepted as a number: longer input is not a phone number in any notation. */
    public static final int MAX_LENGTH = 64;

    private final String defaultRegion;

    private PhoneNumbers(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    /**
     * Numbers written without a country code belong to {@code region} (ISO 3166-1 alpha-2, e.g. {@code NL}).
     *
     * @throws IllegalArgumentException when libphonenumber does not know the region
     */
    public static PhoneNumbers withDefaultRegion(String region) {
        String upper = Objects.requireNonNull(region, "region").toUpperCase(Locale.ROOT);
        if (!UTIL.getSupportedRegions().contains(upper)) {
            throw new IllegalArgumentException("unknown region '" + region
                    + "'; give an ISO 3166-1 two-letter country code such as NL, BE or DE");
        }
        return new PhoneNumbers(upper);
    }

    /** Without a default region: only numbers written with a country code ({@code +31…}) are placed. */
    public static PhoneNumbers international() {
        return new PhoneNumbers("ZZ");
    }

    /** The default region, e.g. {@code NL}; {@code ZZ} when there is none. */
    public String defaultRegion() {
        return defaultRegion;
    }

    /** The search key of {@code raw}: its E.164 form when it is a possible phone number, else the compacted text; null stays null. */
    public String key(String raw) {
        if (raw == null) {
            return null;
        }
        String compact = SEPARATORS.matcher(raw.strip()).replaceAll("");
        return e164(raw).orElse(compact);
    }

    /** The E.164 form of {@code raw}, when libphonenumber can place it as a possible number. */
    public Optional<String> e164(String raw) {
        if (raw == null || raw.length() > MAX_LENGTH || !DIALLABLE.matcher(raw.strip()).matches()) {
            return Optional.empty();
        }
        try {
            Phonenumber.PhoneNumber number = UTIL.parse(raw, defaultRegion);
            if (!UTIL.isPossibleNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
