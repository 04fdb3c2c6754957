package org.recgateway.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.Optional;

import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import org.recgateway.recording.AudioVault;
import org.recgateway.recording.DataKeys;
import org.recgateway.recording.TamperedAudioException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals recordings with Tink streaming AEAD (AES256-GCM-HKDF, 32 KB ciphertext segments since
 * 2026-12-01): one data key per recording, wrapped by the {@link MasterKey} and kept in {@link DataKeys};
 * the recording id is the associated data of both the audio and the wrapped key, so neither can be moved
 * to another recording. Reading is seekable: a segment of a one-hour recording decrypts only the chunks
 * it covers and the header's, each authenticated, and their ciphertext is read in one positional read
 * ({@link Reads#ONE_RANGE}). The segment size is part of each data key, so recordings sealed with another
 * size (4 KB before 2026-11-30, 64 KB until 2026-12-01) stay readable. The database holds a key check (a
 * value sealed by the master key), so a wrong master key is refused at start-up instead of failing on
 * the first play.
 */
public final class TinkAudioVault implements AudioVault {
    private static final Logger LOG = LoggerFactory.getLogger(TinkAudioVault.class);
    /**
     * Ciphertext segment size of new data keys. Measured side by side ({@code bench/run.sh sealed-parts},
     * BENCHMARKS.md "Encryption at rest", session 5), a 30-second cut from a one-hour recording read in one
     * range: 32 KB segments decrypt about 524 KB for the 480 KB served (64 KB: 590 KB) and were 10-12 %
     * faster warm and 8-14 % faster cold than 64 KB; 16 KB was no faster than 32 KB within the runs' spread.
     */
    public static final int SEGMENT_BYTES = 32 * 1024;
    /** AES key size of new data keys, bytes. */
    public static final int KEY_BYTES = 32;

    static {
        try {
            StreamingAeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MasterKey master;
    private final DataKeys keys;
    private final NewDataKeys newKeys;
    private final UnwrappedKeys unwrapped;
    /** How sealed files are read. */
    private final Reads reads;

    /**
     * How the vault reads a sealed file's ciphertext under Tink's decrypting channel. Both give Tink
     * the same bytes, and Tink authenticates every segment the same way; they differ in system calls,
     * copies and, on a cold file, in how many disk reads a cut waits for.
     */
    public enum Reads {
        /** {@code FileChannel} reads, one per ciphertext segment (how the vault read before 2026-12-01). */
        SEGMENT_BY_SEGMENT,
        /** The bytes a plaintext read needs in one positional read into a native buffer ({@link RangeReads}). */
        ONE_RANGE
    }

    /** How new vaults read sealed files: chosen by measurement ({@code bench/run.sh sealed-parts}, BENCHMARKS.md). */
    public static final Reads READS = Reads.ONE_RANGE;

    private TinkAudioVault(MasterKey master, DataKeys keys, NewDataKeys newKeys, UnwrappedKeys unwrapped, Reads reads) {
        this.master = master;
        this.keys = keys;
        this.newKeys = newKeys;
        this.unwrapped = unwrapped;
        this.reads = reads;
    }

    /** This vault, reading sealed files the way {@code reads} says; for benchmarks and tests that compare them. */
    public TinkAudioVault readingWith(Reads how) {
        return new TinkAudioVault(master, keys, newKeys, unwrapped, how);
    }

    /**
     * This vault, sealing new recordings with {@code segmentBytes} ciphertext segments (at least 4 KB);
     * recordings already sealed keep theirs. For benchmarks and tests that compare segment sizes.
     *
     * @throws IllegalArgumentException when Tink refuses the size (below 4 KB or above 2^31 - 1 bytes)
     */
    public TinkAudioVault sealingWithSegments(int segmentBytes) {
        return sealingWith(KEY_BYTES, segmentBytes);
    }

    /**
     * This vault, sealing new recordings with AES-{@code 8 * keyBytes} (16 or 32) and {@code segmentBytes}
     * ciphertext segments; recordings already sealed keep their own. For benchmarks and tests.
     *
     * @throws IllegalArgumentException when Tink refuses the parameters
     */
    public TinkAudioVault sealingWith(int keyBytes, int segmentBytes) {
        try {
            return sealingWith(NewDataKeys.aesGcmHkdf(keyBytes, segmentBytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Tink refuses data keys of " + keyBytes + " bytes with ciphertext segments of "
                    + segmentBytes + " bytes: " + e.getMessage() + "; use a key of 16 or 32 bytes and segments of 4096 bytes or more", e);
        }
    }

    /**
     * This vault, sealing new recordings with data keys of any Tink streaming AEAD {@code parameters}
     * (e.g. AES-CTR-HMAC, to compare); recordings already sealed keep their own.
     */
    public TinkAudioVault sealingWith(Parameters parameters) {
        return new TinkAudioVault(master, keys, new NewDataKeys(master, parameters), unwrapped, reads);
    }

    /**
     * The vault for the master key file {@code masterKeyFile} and the data keys in {@code keys}. When
     * the file does not exist and the database has never been sealed under a master key, a new one is
     * made there (and logged); otherwise the file must exist and open the database's key check.
     *
     * @throws VaultException with a message naming the file and what to do
     */
    public static TinkAudioVault open(Path masterKeyFile, DataKeys keys) {
        Optional<byte[]> check = keys.get(KeyCheck.ID);
        FileMasterKey master;
        if (!Files.exists(masterKeyFile) && check.isEmpty()) {
            master = FileMasterKey.create(masterKeyFile);
            LOG.warn("made a new master key in {} (mode 0600): it opens every recording's data key; back it up apart "
                    + "from the data directory, or the recordings cannot be read after a disk loss", master.describe());
        } else if (!Files.exists(masterKeyFile)) {
            throw new VaultException("the master key file " + masterKeyFile.toAbsolutePath() + " does not exist, but "
                    + "this database holds data keys wrapped by a master key: restore the key file from your key backup "
                    + "(or set vault.masterKeyFile to where it is); a new key would not open the recordings");
        } else {
            master = FileMasterKey.load(masterKeyFile);
        }
        return open(master, keys);
    }

    /** The vault for any master key (e.g. a KMS): checks it against the database's key check, or writes one. */
    public static TinkAudioVault open(MasterKey master, DataKeys keys) {
        KeyCheck.verifyOrWrite(master, keys);
        try {
            return new TinkAudioVault(master, keys, new NewDataKeys(master, NewDataKeys.aesGcmHkdf(KEY_BYTES, SEGMENT_BYTES)),
                    new UnwrappedKeys(master, keys), READS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink refuses the built-in segment size " + SEGMENT_BYTES, e);
        }
    }

    @Override
    public boolean encrypts() {
        return true;
    }

    @Override
    public boolean isSealed(Path file) {
        return file.getFileName().toString().endsWith(SEALED_SUFFIX);
    }

    /**
     * {@inheritDoc} The data key is made, wrapped and its encrypting channel started on the {@link RandomThread}
     * ({@link NewDataKeys#makeAndStart}); the plaintext is read once, hashed as it is encrypted, on the caller's
     * thread; the wrapped key's store commit runs beside the encryption and the file's fsync and is awaited
     * before the plaintext goes.
     */
    @Override
    public Kept seal(String recordingId, Path plaintext, long sizeBytes) throws IOException {
        return Sealing.seal(newKeys, keys, recordingId, plaintext, sizeBytes);
    }

    /**
     * Decrypts a whole sealed file: its plaintext size and SHA-256, e.g. to finish filing after a crash
     * between sealing and storing, or to check a file against its filed hash.
     */
    public Digest digest(String recordingId, Path sealed) throws IOException {
        return SealedFiles.digest(unwrapped.of(recordingId).cipher(), recordingId, sealed);
    }

    @Override
    public SeekableByteChannel open(String recordingId, Path file) throws IOException {
        return open(recordingId, file, java.util.function.UnaryOperator.identity());
    }

    /** {@link #open(String, Path)}, with Tink reading the ciphertext through {@code reads} (tests count the reads). */
    SeekableByteChannel open(String recordingId, Path file, java.util.function.UnaryOperator<SeekableByteChannel> reads)
            throws IOException {
        if (!isSealed(file)) {
            return FileChannel.open(file, StandardOpenOption.READ);  // filed before encryption was switched on
        }
        UnwrappedKeys.Unwrapped key = unwrapped.of(recordingId);
        SeekableByteChannel ciphertext = switch (this.reads) {
            case SEGMENT_BY_SEGMENT -> FileChannel.open(file, StandardOpenOption.READ);
            case ONE_RANGE -> RangeReads.open(file);
        };
        try {
            SeekableByteChannel plain = key.cipher().newSeekableDecryptingChannel(reads.apply(ciphertext),
                    SealedFiles.context(recordingId));
            // Tink finds the key (and so the plaintext size) at the first read: read the first byte now,
            // which authenticates the header and the first chunk before anything else is asked.
            plain.read(ByteBuffer.allocate(1));
            plain.position(0);
            return new Authenticated(plain, recordingId, file,
                    ciphertext instanceof Ciphertext told ? key.layout().map(l -> new Authenticated.Ahead(told, l)).orElse(null) : null);
        } catch (GeneralSecurityException | IOException e) {
            ciphertext.close();
            throw new TamperedAudioException("the sealed audio of recording " + recordingId + " in " + file
                    + " does not authenticate: " + e.getMessage(), e);
        }
    }

    @Override
    public void shred(String recordingId) {
        unwrapped.forget(recordingId);
        if (keys.destroy(recordingId)) {
            LOG.info("data key of recording {} destroyed: every copy of its audio is now unreadable", recordingId);
        }
    }

    /**
     * Re-wraps every data key (and the key check) under the master key's current primary, in one
     * transaction; the audio is not touched. Run after {@link FileMasterKey#rotate()}.
     *
     * @return how many keys were re-wrapped, the key check included
     */
    public int rewrapAll() {
        return unwrapped.rewrapAll();
    }

    /** The master key this vault wraps with. */
    public MasterKey master() {
        return master;
    }

    /** True while an unwrapped data key of {@code recordingId} is held in memory; for tests. */
    boolean holdsUnwrapped(String recordingId) {
        return unwrapped.holds(recordingId);
    }

    /** The size and SHA-256 (hex) of a sealed file's plaintext. */
    public record Digest(long size, String sha256) { }
}
