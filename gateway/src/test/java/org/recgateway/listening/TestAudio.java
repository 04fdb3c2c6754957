package org.recgateway.listening;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** WAV files as MixMonitor writes them (8 kHz, 16-bit, mono), every sample different from its neighbours. */
public final class TestAudio {
    public static final int RATE = 8000;
    public static final int BYTES_PER_SECOND = RATE * 2;

    private TestAudio() {
    }

    /** Writes {@code seconds} of audio to {@code file}; returns the file. */
    public static Path wav(Path file, int seconds) throws IOException {
        int samples = seconds * RATE;
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + samples * 2).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(BYTES_PER_SECOND)
                .putShort((short) 2).putShort((short) 16);
        b.putInt(0x61746164).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (i * 13 + i / 8000));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, b.array());
    }

    /** The sample bytes of {@code file} from second {@code from} to second {@code to}. */
    public static byte[] seconds(Path file, int from, int to) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return Arrays.copyOfRange(all, 44 + from * BYTES_PER_SECOND, 44 + to * BYTES_PER_SECOND);
    }
}
