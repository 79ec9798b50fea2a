package org.coldwatch.server.ingest.broker;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How the server reaches an external MQTT broker (keys {@code broker.*}, README "Server configuration").
 *
 * @param url            {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientId       this instance's fixed client id: its persistent session at the broker; unique per instance
 * @param group          the shared-subscription group every instance of one deployment joins
 * @param username       optional broker user
 * @param password       that user's password
 * @param receiveMaximum unacknowledged messages the broker may have in flight to this instance (MQTT 5 Receive
 *                       Maximum): the backpressure bound, beyond it the broker queues
 * @param sessionExpiry  how long the broker keeps this instance's session (and queues for it) while it is away
 */
public record BrokerSettings(URI url, String clientId, String group, Optional<String> username,
                             Optional<String> password, int receiveMaximum, Duration sessionExpiry) {

    @Override
    public String toString() {
        return "BrokerSettings[url=" + url + ", clientId=" + clientId + ", group=" + group + ", username="
                + username.orElse("-") + ", password=" + (password.isPresent() ? "***" : "-") + ", receiveMaximum="
                + receiveMaximum + ", sessionExpiry=" + sessionExpiry + "]";
    }
}
