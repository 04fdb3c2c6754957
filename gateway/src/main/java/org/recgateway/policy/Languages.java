package org.recgateway.policy;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Matches an Asterisk channel language ({@code nl}, {@code nl_NL}, {@code nl_BE}, {@code en_GB},
 * {@code en-US} ...) to the languages prompts exist in. Asterisk sets a channel's language from the
 * endpoint ({@code language=} in pjsip.conf) or the dialplan ({@code CHANNEL(language)}), and it is
 * {@code en} when neither does. The rule: the exact language (ignoring case and {@code -} versus
 * {@code _}) first; then the same base language ({@code nl_BE} -> {@code nl}, {@code nl} ->
 * {@code nl_NL}), the first such in {@code available}'s order; else none.
 */
public final class Languages {
    private Languages() {
    }

    /**
     * The entry of {@code available} that best fits {@code channelLanguage}, or empty when none shares its
     * base language (or the channel has no language).
     */
    public static Optional<String> match(String channelLanguage, Collection<String> available) {
        String wanted = normal(channelLanguage);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        for (String a : available) {
            if (normal(a).equals(wanted)) {
                return Optional.of(a);
            }
        }
        String base = base(wanted);
        return available.stream().filter(a -> base(normal(a)).equals(base)).findFirst();
    }

    private static String normal(String language) {
        return language == null ? "" : language.trim().replace('-', '_').toLowerCase(Locale.ROOT);
    }

    private static String base(String normalLanguage) {
        int cut = normalLanguage.indexOf('_');
        return cut < 0 ? normalLanguage : normalLanguage.substring(0, cut);
    }
}
