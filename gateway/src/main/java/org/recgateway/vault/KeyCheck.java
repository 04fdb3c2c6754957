package org.recgateway.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;

import com.google.crypto.tink.Aead;
import org.recgateway.recording.DataKeys;

/**
 * The database's key check: 32 random bytes sealed by the master key and kept in {@link DataKeys} under
 * {@link #ID}, so a wrong master key is refused at start-up instead of failing on the first play.
 */
final class KeyCheck {
    /** The {@link DataKeys} id of the key check; no recording id has this shape. */
    static final String ID = "master-key-check";
    private static final byte[] CONTEXT = "recgateway master key check v1".getBytes(StandardCharsets.US_ASCII);

    private KeyCheck() {
    }

    /**
     * Writes the key check when the database has none, else checks that {@code master} opens it.
     *
     * @throws VaultException when the master key does not open the database's key check; the message says what to do
     */
    static void verifyOrWrite(MasterKey master, DataKeys keys) {
        Optional<byte[]> check = keys.get(ID);
        try {
            if (check.isEmpty()) {
                byte[] value = new byte[32];
                new SecureRandom().nextBytes(value);
                keys.put(ID, master.aead().encrypt(value, CONTEXT));
            } else {
                master.aead().decrypt(check.get(), CONTEXT);
            }
        } catch (GeneralSecurityException e) {
            throw new VaultException("the master key " + master.describe() + " is not the key this database's "
                    + "recordings were sealed with (its key check does not open): restore the right key file from your "
                    + "key backup and point vault.masterKeyFile at it; do not make a new one, the recordings would stay sealed");
        }
    }

    /** The key check {@code wrapped}, re-sealed under {@code aead}'s primary key. */
    static byte[] rewrap(Aead aead, byte[] wrapped) throws GeneralSecurityException {
        return aead.encrypt(aead.decrypt(wrapped, CONTEXT), CONTEXT);
    }
}
