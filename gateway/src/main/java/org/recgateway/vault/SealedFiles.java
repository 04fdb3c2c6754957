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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import com.google.crypto.tink.StreamingAead;
import org.recgateway.recording.TamperedAudioException;

/**
 * The file side of {@link TinkAudioVault}: encrypting a recording into its {@code .part} file, forcing
 * it to disk and checking that it decrypts to the filed audio; a whole sealed file's digest; the
 * associated data that binds a sealed file to its recording id.
 */
final class SealedFiles {
    private static final int BUFFER = 64 * 1024;

    private SealedFiles() {
    }

    /** Encrypts {@code plaintext} into {@code part}, forces it to disk and checks it decrypts to the filed audio. */
    static void encryptAndCheck(StreamingAead cipher, String recordingId, Path plaintext, Path part, String sha256,
                                long sizeBytes) throws IOException {
        try (FileChannel in = FileChannel.open(plaintext, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                     StandardOpenOption.WRITE)) {
            // Starting the channel draws its salt and nonce prefix: on the vault's random thread (RandomThread).
            WritableByteChannel sink = new Unclosed(out);
            try (WritableByteChannel encrypting = RandomThread.run(() -> cipher.newEncryptingChannel(sink, context(recordingId)))) {
                ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
                while (in.read(buffer) >= 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        encrypting.write(buffer);
                    }
                    buffer.clear();
                }
            }
            out.force(true);
        } catch (GeneralSecurityException e) {
            Files.deleteIfExists(part);
            throw new IOException("could not encrypt recording " + recordingId + ": " + e.getMessage(), e);
        }
        TinkAudioVault.Digest check = digest(cipher, recordingId, part);
        if (!check.sha256().equals(sha256) || check.size() != sizeBytes) {
            Files.deleteIfExists(part);
            throw new IOException("the sealed copy of recording " + recordingId + " does not decrypt to the filed audio ("
                    + check.size() + " bytes, sha256 " + check.sha256() + " instead of " + sizeBytes + " bytes, " + sha256
                    + "); the plaintext is kept and sealing is retried at the next filing");
        }
    }

    static void awaitStored(FutureTask<Void> keyStored, String recordingId, Path part) throws IOException {
        try {
            keyStored.get();
        } catch (ExecutionException e) {
            Files.deleteIfExists(part);
            throw new IOException("could not store the data key of recording " + recordingId + ": " + e.getCause().getMessage()
                    + "; the plaintext is kept and sealing is retried at the next filing", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Files.deleteIfExists(part);
            throw new java.io.InterruptedIOException("interrupted while the data key of recording " + recordingId
                    + " was stored; the plaintext is kept");
        }
    }

    static TinkAudioVault.Digest digest(StreamingAead cipher, String recordingId, Path sealed) throws IOException {
        MessageDigest digest = sha256();
        long size = 0;
        try (FileChannel in = FileChannel.open(sealed, StandardOpenOption.READ);
             var plain = cipher.newDecryptingChannel(in, context(recordingId))) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            for (int n; (n = plain.read(buffer)) >= 0; ) {
                digest.update(buffer.array(), 0, n);
                size += n;
                buffer.clear();
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

    /** Lets the encrypting channel finish without closing the file, which is then forced to disk. */
    private record Unclosed(FileChannel file) implements WritableByteChannel {
        @Override
        public int write(ByteBuffer src) throws IOException {
            return file.write(src);
        }

        @Override
        public boolean isOpen() {
            return file.isOpen();
        }

        @Override
        public void close() {
            // the caller forces and closes the file
        }
    }
}
