package org.coldwatch.gateway.outbox;

/**
 * The outbox refused readings because it is full: its disk budget is used up under policy {@code refuse-new}, there
 * is nothing left to thin, or the disk itself is full (SQLITE_FULL). Nothing that was stored before is lost; the
 * refused readings are counted in {@link OutboxHealth#refused()}.
 */
public final class OutboxFullException extends OutboxException {
    private static final long serialVersionUID = 1L;

    public OutboxFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
