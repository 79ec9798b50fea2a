package org.coldwatch.gateway.outbox;

/** The outbox's storage failed (disk full, file unreadable, database locked): an infrastructure failure. */
public class OutboxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OutboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
