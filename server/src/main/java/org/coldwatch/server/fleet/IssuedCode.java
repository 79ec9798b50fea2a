package org.coldwatch.server.fleet;

import java.time.Instant;
import java.util.Optional;

/**
 * A provisioning code just issued: shown once to the administrator, who passes it to the technician.
 *
 * @param code      display form, e.g. {@code 7KQM-2XPD-9TAE}; the server keeps only its hash
 * @param gatewayId the gateway it will provision
 * @param storeId   the store that gateway belongs to
 * @param mqttUri   the uplink address handed to the gateway, if the issuer fixed one
 * @param expiresAt when it stops working if unused
 */
public record IssuedCode(String code, String gatewayId, String storeId, Optional<String> mqttUri, Instant expiresAt) {
}
