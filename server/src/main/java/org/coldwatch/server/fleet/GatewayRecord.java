package org.coldwatch.server.fleet;

/**
 * A registered gateway.
 *
 * @param id           the gateway id (also its MQTT client id and user name)
 * @param storeId      the store it is installed in
 * @param secretSha256 hex SHA-256 of its secret
 */
public record GatewayRecord(String id, String storeId, String secretSha256) {
}
