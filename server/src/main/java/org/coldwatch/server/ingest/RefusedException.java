package org.coldwatch.server.ingest;

/**
 * A message refused because of the client's input. Not an error of ours: logged once without a stack trace,
 * counted, and answered with {@link RejectReason#mqttReasonCode()}.
 */
public final class RefusedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient RejectReason reason;

    public RefusedException(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    /** The class of refusal. */
    public RejectReason reason() {
        return reason;
    }
}
