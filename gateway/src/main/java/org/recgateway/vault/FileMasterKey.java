package org.recgateway.vault;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Set;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/**
 * A master key in a Tink JSON keyset file (AES256-GCM) that only its owner may read ({@code 0600}),
 * kept outside the data directory so that a copy of the data directory (or of its backups) opens
 * nothing. The file is read again when it changes on disk, so {@code keys rotate} run from the
 * command line reaches a running gateway. Rotation adds a new primary key and keeps the old ones
 * for unwrapping until {@link #retireOld()} removes them.
 */
public final class FileMasterKey implements MasterKey {
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Path file;
    private KeysetHandle keyset;
    private Aead aead;
    private FileTime loadedModified;

    private FileMasterKey(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    /**
     * Reads the master key from {@code file}.
     *
     * @throws VaultException when the file is missing, readable by group or others, or not an AES-GCM keyset
     */
    public static FileMasterKey load(Path file) {
        FileMasterKey key = new FileMasterKey(file);
        key.reload();
        return key;
    }

    /** Makes a new master key in {@code file} (mode 0600, parent directories 0700); refuses to overwrite one. */
    public static FileMasterKey create(Path file) {
        FileMasterKey key = new FileMasterKey(file);
        if (Files.exists(key.file)) {
            throw new VaultException("the master key file " + key.file + " already exists; refusing to overwrite it");
        }
        try {
            key.write(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
        } catch (GeneralSecurityException e) {
            throw new VaultException("could not generate a master key: " + e.getMessage(), e);
        }
        key.reload();
        return key;
    }

    @Override
    public synchronized Aead aead() {
        try {
            if (!Files.getLastModifiedTime(file).equals(loadedModified)) {
                reload();
            }
        } catch (IOException e) {
            // keep the key in memory; the next use tries the file again
        }
        return aead;
    }

    @Override
    public String describe() {
        return file.toString();
    }

    /** How many keys the keyset holds (1, or more after a rotation until the old keys are retired). */
    public synchronized int keys() {
        return keyset.size();
    }

    /** The id of the key that wraps new data keys. */
    public synchronized int primaryId() {
        return keyset.getPrimary().getId();
    }

    /** Adds a new primary key and writes the file; the old keys stay so that keys they wrapped still open. */
    public synchronized void rotate() {
        try {
            KeysetHandle rotated = KeysetHandle.newBuilder(keyset)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId().makePrimary())
                    .build();
            write(rotated);
        } catch (GeneralSecurityException e) {
            throw new VaultException("could not add a key to the master keyset " + file + ": " + e.getMessage(), e);
        }
        reload();
    }

    /** Removes every key but the primary and writes the file; call only once no data key is wrapped by them. */
    public synchronized void retireOld() {
        try {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
            for (int i = builder.size() - 1; i >= 0; i--) {
                if (!builder.getAt(i).isPrimary()) {
                    builder.deleteAt(i);
                }
            }
            write(builder.build());
        } catch (GeneralSecurityException e) {
            throw new VaultException("could not retire the old keys of " + file + ": " + e.getMessage(), e);
        }
        reload();
    }

    private void reload() {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> open = new java.util.HashSet<>(permissions);
            open.retainAll(GROUP_OR_OTHERS);
            if (!open.isEmpty()) {
                throw new VaultException("the master key file " + file + " may be read or changed by others (mode "
                        + PosixFilePermissions.toString(permissions) + "); run: chmod 600 " + file);
            }
            FileTime modified = Files.getLastModifiedTime(file);
            KeysetHandle read = TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
            aead = read.getPrimitive(RegistryConfiguration.get(), Aead.class);
            keyset = read;
            loadedModified = modified;
        } catch (NoSuchFileException e) {
            throw new VaultException("the master key file " + file + " does not exist; restore it from your key backup, "
                    + "or set vault.masterKeyFile to where it is", e);
        } catch (UnsupportedOperationException e) {
            throw new VaultException("the master key file " + file + " is not on a POSIX file system, so its "
                    + "permissions cannot be checked; keep it on one", e);
        } catch (IOException e) {
            throw new VaultException("cannot read the master key file " + file + ": " + e.getMessage()
                    + "; check that it is readable by the gateway's user", e);
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof VaultException v) {
                throw v;
            }
            throw new VaultException("the master key file " + file + " is not a Tink AES-GCM keyset ("
                    + e.getMessage() + "); restore the right file from your key backup", e);
        }
    }

    private void write(KeysetHandle handle) throws GeneralSecurityException {
        try {
            Path dir = file.getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path temporary = Files.createTempFile(dir, ".master-key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()));
            try (var channel = java.nio.channels.FileChannel.open(temporary, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new VaultException("cannot write the master key file " + file + ": " + e.getMessage()
                    + "; check that its directory exists and is writable by the gateway's user", e);
        }
    }
}
