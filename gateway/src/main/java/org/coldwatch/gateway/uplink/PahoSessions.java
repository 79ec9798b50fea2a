package org.coldwatch.gateway.uplink;

import java.nio.charset.StandardCharsets;
import org.coldwatch.gateway.config.GatewayConfig;
import org.coldwatch.protocol.GatewayStatus;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How {@link PahoUplink} opens and closes a Paho MQTT 5 session: connect options, the window, a quiet close. */
final class PahoSessions {
    private static final Logger LOG = LoggerFactory.getLogger(PahoSessions.class);
    /** MQTT 5 section 3.2.2.3.3: a CONNACK without Receive Maximum means 65,535. */
    private static final int MQTT_DEFAULT_RECEIVE_MAXIMUM = 65_535;

    private PahoSessions() {
    }

    /**
     * Clean start, the gateway's credentials, keep-alive, no automatic reconnect (the uplink's own backoff decides),
     * and the retained {@code offline} status as last will.
     */
    static MqttConnectionOptions options(GatewayConfig.Identity identity, GatewayConfig.UplinkSettings settings,
                                         String statusTopic, int qos, long timeoutMillis) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(identity.id());
        options.setPassword(identity.secret().getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        options.setKeepAliveInterval(settings.keepAliveSeconds());
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout((int) (timeoutMillis / 1000));
        options.setWill(statusTopic, new MqttMessage(GatewayStatus.offline().encode(), qos, true, null));
        return options;
    }

    /** The in-flight window: {@code uplink.inflight}, lowered to the server's Receive Maximum. */
    static int window(IMqttToken connectToken, int inflight) {
        MqttProperties properties = connectToken.getResponseProperties();
        Integer serverMaximum = properties == null ? null : properties.getReceiveMaximum();
        return Math.min(inflight, serverMaximum == null ? MQTT_DEFAULT_RECEIVE_MAXIMUM : serverMaximum);
    }

    /** Closes {@code client} (may be null) without throwing. */
    static void closeQuietly(MqttAsyncClient client) {
        if (client == null) {
            return;
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("uplink: closing the MQTT client failed: {}", e.getMessage());
        }
    }
}
