package org.coldwatch.server.storage;

/** An infrastructure failure of a store (ours, not the client's): surfaced in health, never blamed on a gateway. */
public final class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
