package org.recgateway.prompts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Checks a parsed manifest against the audio files on disk and turns it into prompts, collecting every
 * problem instead of stopping at the first. Ids and languages become sound names and file paths, so they
 * must match a strict pattern before either is built.
 */
final class ManifestVerifier {

    static final String FIX = "run notice-prompts/build.sh (or restore notice-prompts/ from git), "
            + "then deploy/install-prompts.sh";
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2})?");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern KEY = Pattern.compile("[0-9*#]{1,3}");
    private static final Set<String> WORDINGS = Set.of("may", "will", "none");

    private final Path soundsDir;
    private final String playbackPrefix;
    private final List<String> problems = new ArrayList<>();

    ManifestVerifier(Path soundsDir, String playbackPrefix) {
        this.soundsDir = soundsDir;
        this.playbackPrefix = playbackPrefix;
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    /** The prompts whose entries and files are sound; {@link #problems()} lists what is wrong with the rest. */
    List<NoticePrompt> verify(PromptManifest manifest) {
        if (manifest.manifestVersion() == null || manifest.manifestVersion() != PromptManifest.SUPPORTED_VERSION) {
            problems.add("manifest.json has manifestVersion " + manifest.manifestVersion() + ", this gateway reads "
                    + PromptManifest.SUPPORTED_VERSION + "; " + FIX);
        }
        if (manifest.prompts() == null || manifest.prompts().isEmpty()) {
            problems.add("manifest.json lists no prompts; " + FIX);
            return List.of();
        }
        List<NoticePrompt> prompts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (PromptManifest.Entry e : manifest.prompts()) {
            if (e == null || e.id() == null || !ID.matcher(e.id()).matches()
                    || e.language() == null || !LANGUAGE.matcher(e.language()).matches()) {
                problems.add("manifest.json has an entry whose id or language is missing or not of the form "
                        + "notice-quality / nl (id=" + (e == null ? null : e.id()) + "); " + FIX);
            } else if (!seen.add(e.language() + "/" + e.id())) {
                problems.add("manifest.json lists prompt " + e.id() + " (" + e.language() + ") twice; " + FIX);
            } else {
                int before = problems.size();
                Map<String, String> files = verifyEntry(e);
                if (problems.size() == before) {
                    prompts.add(new NoticePrompt(e.id(), e.language(), e.version(), e.text(), e.textSha256(),
                            files.get(SoundFormat.WAV.extension()), e.durationSamples(),
                            playbackPrefix + "/" + e.language() + "/" + e.id(), PromptRole.fromId(e.role()).orElseThrow(),
                            e.purposes(), e.wording(), e.keys(), e.consentOnly(), files));
                }
            }
        }
        return prompts;
    }

    /** Adds the entry's problems; returns each file's SHA-256 by extension (meaningful only when none were added). */
    private Map<String, String> verifyEntry(PromptManifest.Entry e) {
        String label = "prompt " + e.id() + " (" + e.language() + ")";
        List<String> fields = new ArrayList<>();
        if (e.version() == null || e.version() < 1) fields.add("version");
        if (e.role() == null || PromptRole.fromId(e.role()).isEmpty()) fields.add("role");
        if (e.purposes() == null || e.purposes().stream().anyMatch(p -> p == null || !ID.matcher(p).matches())) {
            fields.add("purposes");
        }
        if (e.keys() == null || e.keys().stream().anyMatch(k -> k == null || !KEY.matcher(k).matches())) fields.add("keys");
        if (e.consentOnly() == null) fields.add("consentOnly");
        if (e.wording() == null || !WORDINGS.contains(e.wording())) fields.add("wording");
        if (e.text() == null || e.textSha256() == null || !sha256(e.text().getBytes(StandardCharsets.UTF_8))
                .equals(e.textSha256())) fields.add("text/textSha256");
        if (e.sampleRate() == null || e.sampleRate() != 8000) fields.add("sampleRate");
        if (e.durationSamples() == null || e.durationSamples() <= 0) fields.add("durationSamples");
        if (!fields.isEmpty()) {
            problems.add(label + ": missing or invalid " + String.join(", ", fields) + " in manifest.json; " + FIX);
        }
        if (e.files() == null) {
            problems.add(label + ": manifest.json lists no files; " + FIX);
            return Map.of();
        }
        Map<String, String> files = new TreeMap<>();
        for (SoundFormat format : SoundFormat.values()) {
            files.put(format.extension(), verifyFile(e, label, format));
        }
        return files;
    }

    private String verifyFile(PromptManifest.Entry e, String label, SoundFormat format) {
        String expected = e.language() + "/" + e.id() + "." + format.extension();
        PromptManifest.AudioFile listed = e.files().get(format.extension());
        if (listed == null) {
            problems.add(label + ": no " + format.extension() + " file listed in manifest.json (expected " + expected
                    + "); every prompt needs every format; " + FIX);
            return "";
        }
        if (!expected.equals(listed.path())) {
            problems.add(label + ": manifest.json lists " + format.extension() + " file '" + listed.path()
                    + "', expected '" + expected + "'; " + FIX);
            return "";
        }
        Path file = soundsDir.resolve(expected);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException missing) {
            problems.add("file " + file + " (" + label + ", " + format.extension() + ") is missing; " + FIX);
            return "";
        } catch (IOException ex) {
            problems.add("file " + file + " (" + label + ") cannot be read: " + ex.getMessage()
                    + "; check its permissions");
            return "";
        }
        String actual = sha256(bytes);
        if (listed.sha256() == null || !SHA256.matcher(listed.sha256()).matches() || !actual.equals(listed.sha256())) {
            problems.add("file " + file + " (" + label + ") has SHA-256 " + actual + " but manifest.json says "
                    + listed.sha256() + ": the audio is not what was built and committed; " + FIX);
        } else if (e.durationSamples() != null) {
            checkLength(e, label, format, file, bytes);
        }
        return actual;
    }

    private void checkLength(PromptManifest.Entry e, String label, SoundFormat format, Path file, byte[] bytes) {
        long samples = e.durationSamples();
        if (format == SoundFormat.WAV) {
            var header = WavHeader.parse(bytes);
            if (header.isEmpty() || !header.get().isAsteriskWav() || header.get().samples() != samples) {
                problems.add("file " + file + " (" + label + ") is not an 8 kHz mono 16-bit WAV of " + samples
                        + " samples (found " + header.map(Object::toString).orElse("no valid header") + "); " + FIX);
            }
        } else if (!format.sizeFits(bytes.length, samples)) {
            problems.add("file " + file + " (" + label + ") has " + bytes.length + " bytes, which does not fit "
                    + samples + " samples in " + format.extension() + "; " + FIX);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
