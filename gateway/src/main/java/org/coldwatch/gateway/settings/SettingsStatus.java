package org.coldwatch.gateway.settings;

import java.util.Optional;
import org.coldwatch.protocol.health.GatewayHealth;

/**
 * Which server settings the gateway runs with, as health reports it.
 *
 * @param appliedVersion the version applied; empty while running on the config file alone
 * @param refusal        the last version refused, and why
 */
public record SettingsStatus(Optional<Long> appliedVersion, Optional<GatewayHealth.Refusal> refusal) {

    /** Running on the config file, nothing refused. */
    public static final SettingsStatus FILE_ONLY = new SettingsStatus(Optional.empty(), Optional.empty());
}
