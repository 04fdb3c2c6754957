package org.recgateway.prompts;

/** The audio formats every prompt exists in, all of which Asterisk plays without transcoding tools. */
enum SoundFormat {
    /** 8 kHz mono 16-bit signed-linear WAV; its hash is the prompt's audio hash. */
    WAV("wav"),
    /** Headerless 8 kHz signed-linear, little-endian: 2 bytes per sample. */
    SLN("sln"),
    /** Headerless 16 kHz signed-linear, little-endian: about 4 bytes per 8 kHz sample. */
    SLN16("sln16"),
    /** Headerless G.711 mu-law: 1 byte per sample. */
    ULAW("ulaw"),
    /** Headerless G.711 A-law: 1 byte per sample. */
    ALAW("alaw");

    /** SLN16 is resampled from the source on its own, so its length may differ by a few samples. */
    private static final long SLN16_TOLERANCE_SAMPLES = 16;

    private final String extension;

    SoundFormat(String extension) {
        this.extension = extension;
    }

    String extension() {
        return extension;
    }

    /** Whether a headerless file of {@code bytes} bytes fits a prompt of {@code samples8k} samples at 8 kHz. */
    boolean sizeFits(long bytes, long samples8k) {
        return switch (this) {
            case WAV -> true; // checked through its header
            case SLN -> bytes == 2 * samples8k;
            case ULAW, ALAW -> bytes == samples8k;
            case SLN16 -> bytes % 2 == 0 && Math.abs(bytes / 2 - 2 * samples8k) <= SLN16_TOLERANCE_SAMPLES;
        };
    }
}
