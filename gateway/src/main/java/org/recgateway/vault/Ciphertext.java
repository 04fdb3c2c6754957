package org.recgateway.vault;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;

/**
 * A sealed file's ciphertext as Tink's decrypting channel reads it, told ahead which bytes the next
 * plaintext read needs, so that they come from the disk or the page cache in one go instead of one
 * segment at a time.
 */
interface Ciphertext extends SeekableByteChannel {
    /** Bytes {@code [from, to)} (clamped to the file) are read next. */
    void willRead(long from, long to) throws IOException;
}
