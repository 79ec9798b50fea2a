package org.coldwatch.gateway.uplink;

/**
 * What the uplink has done since it started.
 *
 * @param published    batches handed to the MQTT client (resends included)
 * @param acknowledged batches the server acknowledged (PUBACK reason code below 0x80)
 * @param quarantined  batches the server refused (reason code 0x80 or above)
 * @param reconnects   connections established after the first one
 * @param connected    whether a connection is up now
 */
public record UplinkStats(long published, long acknowledged, long quarantined, long reconnects, boolean connected) {
}
