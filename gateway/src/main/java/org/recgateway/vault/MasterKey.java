package org.recgateway.vault;

import com.google.crypto.tink.Aead;

/**
 * The key that wraps every data key. {@link FileMasterKey} keeps it in a keyset file with strict
 * permissions outside the data directory; a KMS implements this interface with its own {@link Aead}
 * (Tink's KMS clients give exactly that), and nothing else changes.
 */
public interface MasterKey {

    /** The AEAD that wraps and unwraps data keys (the primary key wraps; every key in it unwraps). */
    Aead aead();

    /** Where the key lives, for messages (a path, a KMS key URI); never the key itself. */
    String describe();
}
