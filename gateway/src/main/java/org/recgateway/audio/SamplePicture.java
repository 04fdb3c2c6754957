package org.recgateway.audio;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.imageio.ImageIO;

/**
 * A PNG of one stretch of a recording, to look at before listening: the waveform above, a spectrogram
 * (256-point FFT, 0 to 4 kHz upwards, darker is louder) below, and the fault markers as red lines.
 * Only the given stretch is read (through {@link WavSegment}), so the picture shows nothing else.
 * Expects 16-bit PCM; other formats give a {@link MalformedWavException}.
 */
public final class SamplePicture {
    public static final int WIDTH = 800;
    public static final int WAVE_HEIGHT = 100;
    public static final int SPECTRUM_HEIGHT = 128;
    private static final int FFT = 256;

    private SamplePicture() {
    }

    /**
     * Renders {@code length} from {@code start} of {@code source} to {@code out} as PNG.
     *
     * @param markersMillis marker offsets into the recording; those inside the stretch are drawn
     */
    public static void render(Path source, Duration start, Duration length, List<Long> markersMillis, OutputStream out)
            throws IOException {
        ByteArrayOutputStream wav = new ByteArrayOutputStream();
        WavSegment.cut(source, start, length, wav);
        render(wav.toByteArray(), start, length, markersMillis, out);
    }

    /**
     * Renders a stretch already cut as a canonical WAV ({@link WavSegment#cut}: 44-byte header, 16-bit PCM)
     * that starts {@code start} into the recording and lasts {@code length}.
     */
    public static void render(byte[] bytes, Duration start, Duration length, List<Long> markersMillis, OutputStream out)
            throws IOException {
        if (bytes.length < WavSegment.HEADER_BYTES) {
            throw new MalformedWavException("a WAV segment of " + bytes.length + " bytes has no header; cut it with WavSegment");
        }
        ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int channels = Math.max(1, header.getShort(22));
        int bits = header.getShort(34);
        if (bits != 16) {
            throw new MalformedWavException("the segment holds " + bits + "-bit audio; the picture reads 16-bit PCM only");
        }
        int frames = (bytes.length - WavSegment.HEADER_BYTES) / (2 * channels);
        short[] samples = new short[frames];
        ByteBuffer data = ByteBuffer.wrap(bytes, WavSegment.HEADER_BYTES, bytes.length - WavSegment.HEADER_BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            samples[i] = data.getShort();
            for (int c = 1; c < channels; c++) {
                data.getShort();
            }
        }
        BufferedImage image = new BufferedImage(WIDTH, WAVE_HEIGHT + SPECTRUM_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, WAVE_HEIGHT + SPECTRUM_HEIGHT);
            waveform(g, samples);
            spectrogram(image, samples);
            g.setColor(Color.RED);
            long from = start.toMillis();
            long span = Math.max(1, length.toMillis());
            for (long marker : markersMillis) {
                if (marker >= from && marker <= from + span) {
                    int x = (int) Math.min(WIDTH - 1, (marker - from) * WIDTH / span);
                    g.fillRect(Math.max(0, x - 1), 0, 2, WAVE_HEIGHT + SPECTRUM_HEIGHT);
                }
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", out);
    }

    private static void waveform(Graphics2D g, short[] samples) {
        g.setColor(new Color(0x0b5fa5));
        int mid = WAVE_HEIGHT / 2;
        for (int x = 0; x < WIDTH && samples.length > 0; x++) {
            int from = (int) ((long) x * samples.length / WIDTH);
            int to = Math.max(from + 1, (int) ((long) (x + 1) * samples.length / WIDTH));
            int min = 0;
            int max = 0;
            for (int i = from; i < Math.min(to, samples.length); i++) {
                min = Math.min(min, samples[i]);
                max = Math.max(max, samples[i]);
            }
            int top = mid - max * mid / 32768;
            int bottom = mid - min * mid / 32768;
            g.drawLine(x, top, x, Math.max(top, bottom));
        }
    }

    private static void spectrogram(BufferedImage image, short[] samples) {
        double[] re = new double[FFT];
        double[] im = new double[FFT];
        for (int x = 0; x < WIDTH; x++) {
            int centre = (int) ((long) x * samples.length / WIDTH);
            for (int i = 0; i < FFT; i++) {
                int at = centre - FFT / 2 + i;
                double window = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (FFT - 1));
                re[i] = at >= 0 && at < samples.length ? samples[at] / 32768.0 * window : 0;
                im[i] = 0;
            }
            fft(re, im);
            for (int bin = 0; bin < SPECTRUM_HEIGHT; bin++) {
                double magnitude = Math.hypot(re[bin], im[bin]);
                double db = 20 * Math.log10(magnitude + 1e-9);  // about -180 (silence) to +40
                int level = (int) Math.max(0, Math.min(255, (db + 60) * 255 / 80));  // -60..+20 dB -> 0..255
                int shade = 255 - level;
                image.setRGB(x, WAVE_HEIGHT + SPECTRUM_HEIGHT - 1 - bin, (shade << 16) | (shade << 8) | shade);
            }
        }
    }

    /** In-place radix-2 FFT; {@code re.length} is a power of two. */
    static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = -2 * Math.PI / len;
            for (int i = 0; i < n; i += len) {
                for (int k = 0; k < len / 2; k++) {
                    double cos = Math.cos(angle * k);
                    double sin = Math.sin(angle * k);
                    int a = i + k;
                    int b = a + len / 2;
                    double tre = re[b] * cos - im[b] * sin;
                    double tim = re[b] * sin + im[b] * cos;
                    re[b] = re[a] - tre;
                    im[b] = im[a] - tim;
                    re[a] += tre;
                    im[a] += tim;
                }
            }
        }
    }
}
