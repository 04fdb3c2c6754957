package org.recgateway.config;

import java.util.Collection;
import java.util.Comparator;

/** Words the message for an unknown key, suggesting the known key it was probably meant to be. */
final class UnknownKeys {

    private UnknownKeys() {
    }

    static String message(String key, Collection<String> known) {
        String list = String.join(", ", known);
        return known.stream()
                .filter(k -> distance(k.toLowerCase(), key.toLowerCase()) <= Math.max(1, k.length() / 4))
                .min(Comparator.comparingInt(k -> distance(k.toLowerCase(), key.toLowerCase())))
                .map(k -> "unknown key " + Problems.show(key) + "; did you mean '" + k + "'? known keys here: " + list)
                .orElse("unknown key " + Problems.show(key) + "; known keys here: " + list);
    }

    /** Levenshtein distance; keys are short. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }
}
