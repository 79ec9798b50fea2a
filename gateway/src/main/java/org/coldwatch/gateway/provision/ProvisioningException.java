package org.coldwatch.gateway.provision;

/** Provisioning did not succeed; the message says why and what the technician can do. */
public final class ProvisioningException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProvisioningException(String message) {
        super(message);
    }

    public ProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
