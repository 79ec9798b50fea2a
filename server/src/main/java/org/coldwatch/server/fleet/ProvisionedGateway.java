package org.coldwatch.server.fleet;

import java.util.Optional;

/**
 * What a redeemed provisioning code gives a gateway.
 *
 * @param gatewayId its id
 * @param storeId   its store
 * @param secret    its new MQTT password, in clear: handed over once, never stored
 * @param mqttUri   the uplink address the issuer fixed, if any (else the HTTP layer derives one)
 */
public record ProvisionedGateway(String gatewayId, String storeId, String secret, Optional<String> mqttUri) {
    @Override
    public String toString() {
        return "ProvisionedGateway[gatewayId=" + gatewayId + ", storeId=" + storeId + ", secret=***]";
    }
}
