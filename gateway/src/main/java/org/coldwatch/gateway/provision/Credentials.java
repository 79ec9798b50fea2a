package org.coldwatch.gateway.provision;

/**
 * What provisioning gives a gateway: who it is, its MQTT password, and where to send readings.
 *
 * @param gatewayId its id (MQTT client id, user name, topic segment)
 * @param secret    its MQTT password
 * @param serverUri the MQTT server, {@code tcp://host:port} or {@code ssl://host:port}
 */
public record Credentials(String gatewayId, String secret, String serverUri) {
    @Override
    public String toString() {
        return "Credentials[gatewayId=" + gatewayId + ", secret=***, serverUri=" + serverUri + "]";
    }
}
