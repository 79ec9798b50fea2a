package org.coldwatch.sim.fleet;

/**
 * One encoded telemetry batch of a virtual gateway, kept with its payload until the server has answered it, so that
 * a resend carries the same seq and the same bytes. Mutable state is guarded by the owning {@link VirtualGateway}.
 */
final class PendingBatch {
    /** Not sent on any live connection now. */
    static final int NOT_IN_FLIGHT = -1;

    private final long seq;
    private final int readingCount;
    private final byte[] payload;
    private final long intendedNanos;
    private int inFlightSession = NOT_IN_FLIGHT;
    private int publishCount;
    private boolean queuedForResend;
    private boolean answered;

    PendingBatch(long seq, int readingCount, byte[] payload, long intendedNanos) {
        this.seq = seq;
        this.readingCount = readingCount;
        this.payload = payload;
        this.intendedNanos = intendedNanos;
    }

    long seq() {
        return seq;
    }

    int readingCount() {
        return readingCount;
    }

    byte[] payload() {
        return payload;
    }

    /** When the schedule meant this batch to be sent (run-relative nanoseconds). */
    long intendedNanos() {
        return intendedNanos;
    }

    int inFlightSession() {
        return inFlightSession;
    }

    /** How often it was handed to the MQTT client: 1 for a batch never resent. */
    int publishCount() {
        return publishCount;
    }

    boolean queuedForResend() {
        return queuedForResend;
    }

    /** Whether the server answered it (acknowledged or refused): its outcome is final. */
    boolean answered() {
        return answered;
    }

    void markPublished(int session) {
        inFlightSession = session;
        queuedForResend = false;
        publishCount++;
    }

    void markQueuedForResend() {
        inFlightSession = NOT_IN_FLIGHT;
        queuedForResend = true;
    }

    void markAnswered() {
        inFlightSession = NOT_IN_FLIGHT;
        queuedForResend = false;
        answered = true;
    }
}
