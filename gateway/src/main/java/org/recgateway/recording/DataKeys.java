package org.recgateway.recording;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The wrapped (master-key-encrypted) data keys of sealed recordings, one per recording id, kept in
 * the store. Deleting one is crypto-shredding: the store overwrites the freed bytes
 * ({@code secure_delete}), so only backups of the database taken before still hold it, and those
 * open only with a master key that {@code keys rotate} retires.
 */
public interface DataKeys {

    /** Stores (or replaces) the wrapped key of {@code id}; durable on return. */
    void put(String id, byte[] wrapped);

    /** The wrapped key of {@code id}, if it still exists. */
    Optional<byte[]> get(String id);

    /** Destroys the wrapped key of {@code id}; true when there was one. */
    boolean destroy(String id);

    /** Every id holding a key. */
    List<String> ids();

    /**
     * Re-wraps every key in one transaction: {@code rewrap} gets each id and its wrapped key and
     * returns the new wrapping; either every key is replaced or none (an exception rolls back).
     *
     * @return how many keys were re-wrapped
     */
    int rewrapAll(BiFunction<String, byte[], byte[]> rewrap);
}
