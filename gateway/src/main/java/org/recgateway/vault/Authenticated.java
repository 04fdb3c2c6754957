package org.recgateway.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;

import org.recgateway.recording.TamperedAudioException;

/**
 * Tink's seekable decrypting channel, with a failed read turned into a {@link TamperedAudioException}
 * that names the recording and the position: a chunk that does not authenticate is not the filed audio.
 */
final class Authenticated implements SeekableByteChannel {
    private final SeekableByteChannel plain;
    private final String recordingId;
    private final Path file;
    private final Ahead ahead;

    /** The ciphertext under {@code plain} and where its segments lie: to tell it ahead what a read needs. */
    record Ahead(Ciphertext ciphertext, SegmentLayout layout) { }

    /** @param ahead the ciphertext to tell ahead, or null to let Tink read it segment by segment */
    Authenticated(SeekableByteChannel plain, String recordingId, Path file, Ahead ahead) {
        this.plain = plain;
        this.recordingId = recordingId;
        this.file = file;
        this.ahead = ahead;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        long at = plain.position();
        try {
            if (ahead != null) {
                long to = Math.min(at + dst.remaining(), plain.size());
                // Only for reads over two segments or more: within one, Tink's own read is already one read.
                if (to > at && ahead.layout().segmentOf(to - 1) > ahead.layout().segmentOf(at)) {
                    long[] range = ahead.layout().ciphertextOf(at, to);
                    ahead.ciphertext().willRead(range[0], range[1]);
                }
            }
            int n = plain.read(dst);
            if (n == 0 && dst.hasRemaining()) {
                // Tink answers 0 when the ciphertext ends before the segment it needs: the file was cut short.
                throw new IOException("the file ended before the ciphertext segment it needs (it was cut short)");
            }
            return n;
        } catch (IOException e) {
            throw new TamperedAudioException("the sealed audio of recording " + recordingId + " in " + file
                    + " does not authenticate at plaintext byte " + at + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int write(ByteBuffer src) {
        throw new java.nio.channels.NonWritableChannelException();
    }

    @Override
    public long position() throws IOException {
        return plain.position();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        plain.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return plain.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new java.nio.channels.NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return plain.isOpen();
    }

    @Override
    public void close() throws IOException {
        plain.close();
    }
}
