package org.recgateway.store;

/** The metadata store could not be read or written (an I/O or database failure, not a caller mistake). */
public final class StoreException extends RuntimeException {

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    StoreException(String message) {
        super(message);
    }
}
