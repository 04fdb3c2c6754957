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

    Authenticated(SeekableByteChannel plain, String recordingId, Path file) {
        this.plain = plain;
        this.recordingId = recordingId;
        this.file = file;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        long at = plain.position();
        try {
            return plain.read(dst);
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
