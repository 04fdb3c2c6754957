package org.recgateway.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.google.crypto.tink.StreamingAead;
import org.recgateway.recording.TamperedAudioException;

/**
 * The file side of {@link TinkAudioVault}: encrypting a recording into its {@code .part} file while hashing
 * it, forcing it to disk and checking that it decrypts to the bytes read; a whole sealed file's digest; the
 * associated data that binds a sealed file to its recording id.
 */
final class SealedFiles {
    /** The read buffers of every sealing and check in this process. */
    static final ReusedBuffers BUFFERS = new ReusedBuffers();

    private SealedFiles() {
    }

    /**
     * Encrypts {@code plaintext} into {@code part} through {@code encrypting} (started into {@code sink}),
     * hashing the plaintext in the same read; forces the file to disk and checks that it decrypts to
     * exactly the bytes read: {@code sizeBytes} of them with the same SHA-256. The plaintext is read once
     * and the sealed file once.
     *
     * @return the SHA-256 (hex) of the plaintext as read and sealed
     * @throws IOException when a file cannot be read or written, the plaintext is not {@code sizeBytes} long, or
     *                     the sealed file does not decrypt to it; {@code part} is deleted then
     */
    static String encryptAndCheck(StreamingAead cipher, WritableByteChannel encrypting, FileSink sink, String recordingId,
                                  Path plaintext, Path part, long sizeBytes) throws IOException {
        MessageDigest digest = sha256();
        long read = 0;
        try (FileChannel in = FileChannel.open(plaintext, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                     StandardOpenOption.WRITE)) {
            sink.attach(out);  // the header Tink wrote when the channel started goes first
            ByteBuffer buffer = BUFFERS.take();
            try (encrypting) {
                for (int n; (n = in.read(buffer)) >= 0; buffer.clear()) {
                    digest.update(buffer.array(), 0, n);
                    read += n;
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        encrypting.write(buffer);
                    }
                }
            } finally {
                BUFFERS.give(buffer);
            }
            out.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        String sha256 = HexFormat.of().formatHex(digest.digest());
        if (read != sizeBytes) {
            Files.deleteIfExists(part);
            throw new IOException("recording " + recordingId + " read " + read + " bytes while it was sealed instead of the "
                    + sizeBytes + " its file had settled at (it changed meanwhile); the plaintext is kept and sealing is "
                    + "retried at the next filing");
        }
        TinkAudioVault.Digest check = digest(cipher, recordingId, part);
        if (!check.sha256().equals(sha256) || check.size() != sizeBytes) {
            Files.deleteIfExists(part);
            throw new IOException("the sealed copy of recording " + recordingId + " does not decrypt to the filed audio ("
                    + check.size() + " bytes, sha256 " + check.sha256() + " instead of " + sizeBytes + " bytes, " + sha256
                    + "); the plaintext is kept and sealing is retried at the next filing");
        }
        return sha256;
    }

    static TinkAudioVault.Digest digest(StreamingAead cipher, String recordingId, Path sealed) throws IOException {
        MessageDigest digest = sha256();
        long size = 0;
        try (FileChannel in = FileChannel.open(sealed, StandardOpenOption.READ);
             var plain = cipher.newDecryptingChannel(in, context(recordingId))) {
            ByteBuffer buffer = BUFFERS.take();
            try {
                for (int n; (n = plain.read(buffer)) >= 0; ) {
                    digest.update(buffer.array(), 0, n);
                    size += n;
                    buffer.clear();
                }
            } finally {
                BUFFERS.give(buffer);
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new TamperedAudioException("the sealed audio of recording " + recordingId + " in " + sealed
                    + " does not decrypt: " + e.getMessage(), e);
        }
        return new TinkAudioVault.Digest(size, HexFormat.of().formatHex(digest.digest()));
    }

    static byte[] context(String recordingId) {
        return ("recgateway audio v1 " + recordingId).getBytes(StandardCharsets.UTF_8);
    }


    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Where an encrypting channel writes: what it writes before a file is attached (the header Tink
     * writes when the channel starts, on the random thread) is held in memory and written first at
     * {@link #attach}; closing the channel leaves the file open, so the caller forces and closes it.
     */
    static final class FileSink implements WritableByteChannel {
        private ByteBuffer held = ByteBuffer.allocate(0);
        private FileChannel file;

        @Override
        public synchronized int write(ByteBuffer src) throws IOException {
            if (file != null) {
                return file.write(src);
            }
            int n = src.remaining();
            ByteBuffer more = ByteBuffer.allocate(held.remaining() + n);
            more.put(held).put(src).flip();
            held = more;
            return n;
        }

        /** Writes what is held to {@code to}, and everything after it straight through. */
        synchronized void attach(FileChannel to) throws IOException {
            while (held.hasRemaining()) {
                to.write(held);
            }
            file = to;
        }

        @Override
        public synchronized boolean isOpen() {
            return file == null || file.isOpen();
        }

        @Override
        public void close() {
            // the caller forces and closes the file
        }
    }
}
