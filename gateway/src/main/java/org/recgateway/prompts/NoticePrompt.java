package org.recgateway.prompts;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One prompt of the prompt library in one language, as the generated manifest describes it, with what it
 * declares it says (role, purposes named, wording, keys spoken), checked against its text by the build.
 *
 * @param id              prompt id, e.g. {@code notice-quality}
 * @param language        language code, e.g. {@code nl}
 * @param version         the text version; raised whenever the text changes
 * @param text            the words spoken
 * @param textSha256      SHA-256 (hex) of the UTF-8 text
 * @param audioSha256     SHA-256 (hex) of the canonical 8 kHz WAV file
 * @param durationSamples length of the audio in samples at 8 kHz
 * @param playbackName    what Asterisk's STREAM FILE gets: a sound name without extension, relative to
 *                        Asterisk's sounds directory or absolute (e.g. {@code recording-gateway/nl/notice-quality})
 * @param role            what the prompt is for
 * @param purposes        the purpose ids the text names (e.g. {@code [quality]}); empty when it names none, i.e.
 *                        it speaks of the whole recording
 * @param wording         for notices {@code may} ("kan worden opgenomen": recording is conditional) or
 *                        {@code will} ("wordt opgenomen": every matching call is recorded); {@code none} otherwise
 * @param keys            the DTMF keys the text tells the caller to press, e.g. {@code [9]}
 * @param consentOnly     the text promises nothing is recorded without consent
 * @param files           every audio file Asterisk may pick, by extension ({@code wav}, {@code alaw}, ...): SHA-256 (hex)
 */
public record NoticePrompt(String id, String language, int version, String text, String textSha256,
                           String audioSha256, long durationSamples, String playbackName,
                           PromptRole role, List<String> purposes, String wording, List<String> keys,
                           boolean consentOnly, Map<String, String> files) {
    public NoticePrompt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(textSha256, "textSha256");
        Objects.requireNonNull(audioSha256, "audioSha256");
        Objects.requireNonNull(playbackName, "playbackName");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(wording, "wording");
        purposes = List.copyOf(purposes);
        keys = List.copyOf(keys);
        files = Map.copyOf(files);
    }

    /** The coarse kind of {@link #role()}: {@code notice}, {@code question}, {@code confirmation} or {@code refusal}. */
    public String kind() {
        return role.kind();
    }

    /** The first purpose the text names, or {@code none}. */
    public String purpose() {
        return purposes.isEmpty() ? "none" : purposes.getFirst();
    }

    /**
     * The format file Asterisk plays on a channel whose native formats are {@code nativeFormats} (as
     * {@code CHANNEL(audionativeformat)} gives them, e.g. {@code (alaw)} or {@code ulaw|alaw}): Asterisk opens
     * the file whose format needs the least translation, which is the file of the channel's own codec when the
     * library has one ({@code alaw}, {@code ulaw}, {@code slin} -> {@code sln}, {@code slin16} -> {@code sln16}).
     * Empty when no file matches a native format exactly (then Asterisk transcodes, and only {@link #files()}
     * as a whole names what it could have picked).
     */
    public Optional<String> formatPlayedOn(String nativeFormats) {
        if (nativeFormats == null) {
            return Optional.empty();
        }
        for (String codec : nativeFormats.toLowerCase(Locale.ROOT).replaceAll("[()\\s]", "").split("\\|")) {
            String extension = switch (codec) {
                case "alaw", "ulaw" -> codec;
                case "slin" -> "sln";
                case "slin16" -> "sln16";
                default -> "";
            };
            if (files.containsKey(extension)) {
                return Optional.of(extension);
            }
        }
        return Optional.empty();
    }

    /** Every file's SHA-256 as {@code alaw=<hex>,sln=<hex>,...}, sorted by extension: the evidence of every format. */
    public String filesEvidence() {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(files).forEach((ext, sha) -> sb.append(sb.isEmpty() ? "" : ",").append(ext).append('=').append(sha));
        return sb.toString();
    }
}
