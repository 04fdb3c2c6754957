package org.recgateway.vault;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import org.recgateway.recording.DataKeys;
import org.recgateway.recording.TamperedAudioException;

/**
 * The key side of opening sealed recordings: unwraps a recording's data key from {@link DataKeys} with the
 * master key, keeps the last {@link #KEPT} unwrapped keys in memory, and re-wraps every stored key under a
 * rotated master key. An unwrapped key is used only while the stored wrapped key is byte for byte the one
 * it came from, so a key destroyed or replaced by any gateway sharing the store is never used again.
 */
final class UnwrappedKeys {
    /** How many unwrapped data keys are kept in memory (e.g. while a provider plays a sample's segments). */
    static final int KEPT = 64;

    private final MasterKey master;
    private final DataKeys keys;
    private final Map<String, Unwrapped> unwrapped = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Unwrapped> eldest) {
            return size() > KEPT;
        }
    };

    /**
     * A recording's unwrapped data key.
     *
     * @param wrapped the stored wrapping it came from
     * @param cipher  its streaming AEAD
     * @param layout  where its files keep a plaintext range; empty for a kind of key whose layout is not known here
     */
    record Unwrapped(byte[] wrapped, StreamingAead cipher, Optional<SegmentLayout> layout) { }

    UnwrappedKeys(MasterKey master, DataKeys keys) {
        this.master = master;
        this.keys = keys;
    }

    /**
     * The recording's data key, unwrapped: from memory only while the stored wrapped key is byte for byte
     * the one it was unwrapped from. The store is asked at every call; a destroyed or replaced key's
     * unwrapped copy is dropped from memory then.
     *
     * @throws TamperedAudioException when the recording has no data key or it does not open with the master key
     */
    Unwrapped of(String recordingId) throws TamperedAudioException {
        Optional<byte[]> stored = keys.get(recordingId);
        synchronized (unwrapped) {
            Unwrapped known = unwrapped.get(recordingId);
            if (known != null && stored.isPresent() && Arrays.equals(known.wrapped(), stored.get())) {
                return known;  // the same stored key as last time: no second unwrap
            }
            unwrapped.remove(recordingId);  // destroyed or replaced in the store: forget the old one
        }
        byte[] wrapped = stored.orElseThrow(() -> new TamperedAudioException("recording " + recordingId
                + " has no data key (it was destroyed when the audio was deleted, or removed from the database): "
                + "its audio cannot be opened"));
        try {
            KeysetHandle dataKey = TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, master.aead(),
                    NewDataKeys.wrapContext(recordingId));
            StreamingAead cipher = dataKey.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
            Unwrapped key = new Unwrapped(wrapped, cipher, SegmentLayout.of(dataKey.getPrimary().getKey().getParameters()));
            synchronized (unwrapped) {
                unwrapped.put(recordingId, key);
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new TamperedAudioException("the data key of recording " + recordingId + " does not open with the master key "
                    + master.describe() + ": it was changed in the database or belongs to another recording", e);
        }
    }

    /** Drops the recording's unwrapped key from memory (its stored key is being destroyed). */
    void forget(String recordingId) {
        synchronized (unwrapped) {
            unwrapped.remove(recordingId);
        }
    }

    /** True while an unwrapped data key of {@code recordingId} is held in memory. */
    boolean holds(String recordingId) {
        synchronized (unwrapped) {
            return unwrapped.containsKey(recordingId);
        }
    }

    /**
     * Re-wraps every stored data key and the key check under the master key's current primary, in one
     * transaction of {@link DataKeys#rewrapAll}.
     *
     * @return how many keys were re-wrapped, the key check included
     * @throws VaultException when a key does not open with the master key; nothing is re-wrapped then
     */
    int rewrapAll() {
        Aead aead = master.aead();
        return keys.rewrapAll((id, wrapped) -> {
            try {
                if (id.equals(KeyCheck.ID)) {
                    return KeyCheck.rewrap(aead, wrapped);
                }
                KeysetHandle dataKey = TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, aead, NewDataKeys.wrapContext(id));
                return TinkProtoKeysetFormat.serializeEncryptedKeyset(dataKey, aead, NewDataKeys.wrapContext(id));
            } catch (GeneralSecurityException e) {
                throw new VaultException("the data key of " + id + " does not open with " + master.describe()
                        + ", so nothing was re-wrapped; restore the old master key into the keyset and try again", e);
            }
        });
    }
}
