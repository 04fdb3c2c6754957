package org.recgateway.vault;

/**
 * The vault cannot work as configured: a master key file is missing, unreadable, too widely readable
 * or not the key the database's data keys were wrapped with. The message says which file and what to do;
 * start-up stops on it.
 */
public final class VaultException extends RuntimeException {
    /** @param message what is wrong and what to do */
    public VaultException(String message) {
        super(message);
    }

    /** @param message what is wrong and what to do; {@code cause} the underlying failure */
    public VaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
