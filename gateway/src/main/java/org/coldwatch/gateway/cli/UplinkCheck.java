package org.coldwatch.gateway.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.coldwatch.gateway.config.GatewayConfig;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The {@code selftest}'s uplink check: one MQTT 5 connect to {@code uplink.serverUri} with the configured
 * credentials (client id = user name = {@code gateway.id}, as the server requires), then a clean disconnect. No will
 * and no publish, so the server sees nothing but a short session; a running gateway with the same id is taken over
 * and reconnects by itself.
 */
final class UplinkCheck {

    /**
     * @param passed  connected
     * @param detail  what happened, e.g. {@code connected as gw-1} or {@code Not authorized (reason code 135)}
     */
    record Result(boolean passed, String detail) {
    }

    private UplinkCheck() {
    }

    static Result run(GatewayConfig config, Duration timeout) {
        String uri = config.uplink().serverUri();
        String id = config.gateway().id();
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(id);
        options.setPassword(config.gateway().secret().getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
        MqttClient client = null;
        try {
            client = new MqttClient(uri, id, new MemoryPersistence());
            client.setTimeToWait(timeout.toMillis());
            client.connect(options);
            client.disconnect(timeout.toMillis());
            return new Result(true, "connected as " + id);
        } catch (MqttException e) {
            return new Result(false, e.getMessage() + " (reason code " + e.getReasonCode() + ")");
        } finally {
            if (client != null) {
                try {
                    client.close(true);
                } catch (MqttException e) {
                    // the check's result is already decided; a failing close changes nothing for the technician
                }
            }
        }
    }
}
