package org.coldwatch.gateway.config;

/**
 * The configuration is unusable. The message names every offending key, e.g.
 * {@code uplink.serverUri: must be tcp://host:port or ssl://host:port, was 'localhost'}.
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
