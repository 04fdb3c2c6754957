package org.recgateway.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplePictureTest {
    @TempDir
    Path dir;

    /** 4 s at 8 kHz: silence, then a 1 kHz tone from second 2. */
    private Path silenceThenTone() throws Exception {
        int n = 4 * 8000;
        ByteBuffer b = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putShort(i < 2 * 8000 ? 0 : (short) (12_000 * Math.sin(2 * Math.PI * 1000 * i / 8000.0)));
        }
        return Files.write(dir.resolve("tone.wav"), TestWavs.riff().fmt(1, 1, 8000, 16).data(n * 2, b.array()).bytes());
    }

    private static BufferedImage render(Path wav, long fromMillis, long lengthMillis, List<Long> markers) throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        SamplePicture.render(wav, Duration.ofMillis(fromMillis), Duration.ofMillis(lengthMillis), markers, png);
        return ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
    }

    private static int grey(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xff;
    }

    @Test
    void theToneShowsInTheWaveformAndAtItsFrequencyInTheSpectrogram() throws Exception {
        BufferedImage image = render(silenceThenTone(), 0, 4_000, List.of());
        assertEquals(SamplePicture.WIDTH, image.getWidth());
        assertEquals(SamplePicture.WAVE_HEIGHT + SamplePicture.SPECTRUM_HEIGHT, image.getHeight());
        int bottom = SamplePicture.WAVE_HEIGHT + SamplePicture.SPECTRUM_HEIGHT - 1;
        int toneRow = bottom - 32;  // 1000 Hz / (8000 Hz / 256) = bin 32
        int x = 600;  // 3 s of 4
        assertTrue(grey(image, x, toneRow) < 60, "dark at 1 kHz while the tone plays: " + grey(image, x, toneRow));
        assertTrue(grey(image, x, bottom - 100) > 200, "light far from the tone: " + grey(image, x, bottom - 100));
        assertTrue(grey(image, 200, toneRow) > 200, "light during the silence: " + grey(image, 200, toneRow));
        assertEquals(0xffffff, image.getRGB(200, 10) & 0xffffff, "no waveform during the silence");
        assertTrue((image.getRGB(600, 40) & 0xffffff) != 0xffffff, "the waveform of the tone reaches up");
    }

    @Test
    void onlyTheStretchIsDrawnWithItsMarkers() throws Exception {
        BufferedImage image = render(silenceThenTone(), 0, 2_000, List.of(1_000L, 3_500L));
        int toneRow = SamplePicture.WAVE_HEIGHT + SamplePicture.SPECTRUM_HEIGHT - 1 - 32;
        assertTrue(grey(image, 700, toneRow) > 200, "the tone after the stretch is not drawn");
        assertEquals(0xff0000, image.getRGB(400, 50) & 0xffffff, "the marker at 1 s, halfway");
        long red = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            red += (image.getRGB(x, 5) & 0xffffff) == 0xff0000 ? 1 : 0;
        }
        assertEquals(2, red, "one marker line (2 px); the marker outside the stretch is not drawn");
    }
}
