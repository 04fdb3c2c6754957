package org.recgateway.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The audit chain's HMAC key in a file of its own (64 hex digits, mode 0600), outside the database,
 * so that someone who can edit the database still cannot re-chain the trail.
 */
public final class ChainKeyFile {

    private ChainKeyFile() {
    }

    /**
     * Reads the key in {@code file}; when it does not exist and {@code mayCreate}, makes one (mode 0600,
     * parent directories 0700).
     *
     * @throws IOException with a message naming the file and what to do
     */
    public static HashChain load(Path file, boolean mayCreate) throws IOException {
        if (!Files.exists(file)) {
            if (!mayCreate) {
                throw new IOException("the audit key file " + file.toAbsolutePath() + " does not exist, but the audit trail "
                        + "already holds events chained with a key: restore the key file from your key backup (or set "
                        + "keys.auditKeyFile to where it is); a new key could not verify the trail");
            }
            byte[] key = new byte[HashChain.MIN_KEY_BYTES];
            new SecureRandom().nextBytes(key);
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------"))), HexFormat.of().formatHex(key) + "\n");
            return HashChain.keyed(key);
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
            throw new IOException("the audit key file " + file.toAbsolutePath() + " may be read or changed by others (mode "
                    + PosixFilePermissions.toString(permissions) + "); run: chmod 600 " + file.toAbsolutePath());
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).strip();
        if (!text.matches("[0-9a-f]{64,256}") || text.length() % 2 != 0) {
            throw new IOException("the audit key file " + file.toAbsolutePath() + " does not hold a key (64 to 256 lowercase "
                    + "hex digits); restore it from your key backup");
        }
        return HashChain.keyed(HexFormat.of().parseHex(text));
    }
}
