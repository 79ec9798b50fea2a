package org.coldwatch.server.testing;

import java.nio.charset.StandardCharsets;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** A bare MQTT 5 client for tests that need to see the server's reason codes. */
public final class PahoClient implements AutoCloseable {
    private static final long TIMEOUT_MILLIS = 20_000;

    /**
     * The server's answer to one publish.
     *
     * @param reasonCode   the PUBACK reason code (0 = success, ≥ 0x80 = refused)
     * @param reasonString the reason string, or null
     */
    public record Answer(int reasonCode, String reasonString) {
    }

    private final MqttAsyncClient client;

    private PahoClient(MqttAsyncClient client) {
        this.client = client;
    }

    /**
     * Connects as {@code clientId} with user name {@code username} and password {@code secret}.
     *
     * @throws MqttException if the server refuses; {@link MqttException#getReasonCode()} tells why
     */
    public static PahoClient connect(String uri, String clientId, String username, String secret)
            throws MqttException {
        return connect(uri, clientId, username, secret, null);
    }

    /**
     * Connects like {@link #connect(String, String, String, String)}, over sockets from {@code sockets} (e.g. a TLS
     * context's factory that trusts a test certificate for an {@code ssl://} URI); null for Paho's default.
     */
    public static PahoClient connect(String uri, String clientId, String username, String secret,
                                     SocketFactory sockets) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(username);
        if (secret != null) {
            options.setPassword(secret.getBytes(StandardCharsets.UTF_8));
        }
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        if (sockets != null) {
            options.setSocketFactory(sockets);
        }
        try {
            client.connect(options).waitForCompletion(TIMEOUT_MILLIS);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return new PahoClient(client);
    }

    /** Publishes at QoS 1 and waits for the PUBACK. */
    public Answer publish(String topic, byte[] payload) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        IMqttToken token = client.publish(topic, message);
        token.waitForCompletion(TIMEOUT_MILLIS);
        String reason = token.getResponseProperties() == null ? null
                : token.getResponseProperties().getReasonString();
        return new Answer(token.getReasonCodes()[0], reason);
    }

    /** Whether the connection is up. */
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(TIMEOUT_MILLIS);
        }
        client.close(true);
    }
}
