package org.coldwatch.server.fleet;

/** A provisioning code could not be exchanged for credentials; the reason says why and what to do. */
public final class ProvisioningRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a code was refused. */
    public enum Reason {
        /** Not a code this server issued (or mistyped). */
        UNKNOWN("unknown", "no such provisioning code; check it, or ask for a new one"),
        /** Issued, but its validity ended before it was used. */
        EXPIRED("expired", "the provisioning code has expired; ask for a new one"),
        /** Already exchanged once; a code works one time only. */
        USED("used", "the provisioning code was already used; ask for a new one");

        private final String label;
        private final String message;

        Reason(String label, String message) {
            this.label = label;
            this.message = message;
        }

        /** Short label for metrics and JSON, e.g. {@code expired}. */
        public String label() {
            return label;
        }
    }

    private final Reason reason;

    public ProvisioningRefused(Reason reason) {
        super(reason.message, null, false, false);
        this.reason = reason;
    }

    /** Why. */
    public Reason reason() {
        return reason;
    }
}
