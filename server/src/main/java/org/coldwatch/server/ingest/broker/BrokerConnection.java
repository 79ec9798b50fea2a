package org.coldwatch.server.ingest.broker;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's one MQTT 5 connection to the broker, kept up: persistent session (fixed client id, clean start off,
 * session expiry), the group's shared subscriptions made again on every connect, manual acknowledgements, and its own
 * reconnect with exponential backoff (Paho's automatic reconnect is off, so that a first connect to a broker that is
 * not up yet is retried too). Every loss of the connection voids the pending answers in the {@link AckGate}.
 */
final class BrokerConnection {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);
    static final int QOS_1 = 1;
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(15);

    /** Where received messages go; runs on Paho's callback thread and may block it (backpressure). */
    @FunctionalInterface
    interface Receiver {
        void received(String topic, MqttMessage message) throws InterruptedException;
    }

    private final Vertx vertx;
    private final BrokerSettings settings;
    private final BrokerMetrics metrics;
    private final AckGate gate;
    private final ReconnectDelay delay = new ReconnectDelay(FIRST_RETRY, MAX_RETRY);
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final MqttAsyncClient client;
    private volatile boolean running;
    private volatile boolean everConnected;

    BrokerConnection(Vertx vertx, BrokerSettings settings, BrokerMetrics metrics, AckGate gate, Receiver receiver)
            throws MqttException {
        this.vertx = vertx;
        this.settings = settings;
        this.metrics = metrics;
        this.gate = gate;
        this.client = new MqttAsyncClient(settings.url().toString(), settings.clientId(), new MemoryPersistence());
        client.setManualAcks(true);
        client.setCallback(new Callback(receiver));
    }

    /** Starts connecting in the background. */
    void start() {
        running = true;
        connect();
    }

    /** Whether it is running (not stopped). */
    boolean running() {
        return running;
    }

    /** Disconnects and closes; blocking. The session stays at the broker. */
    void stop() {
        running = false;
        gate.connectionLost();
        metrics.disconnected();
        try {
            if (client.isConnected()) {
                client.disconnect(1_000).waitForCompletion(5_000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.warn("broker disconnect: {}", e.toString());
        }
    }

    /** Sends the PUBACK of a QoS 1 message. */
    void acknowledge(int messageId) throws MqttException {
        client.messageArrivedComplete(messageId, QOS_1);
    }

    /** Publishes retained at QoS 1; false while disconnected. */
    boolean publishRetained(String topic, byte[] payload) throws MqttException {
        if (!client.isConnected()) {
            return false;
        }
        client.publish(topic, new MqttMessage(payload, QOS_1, true, new MqttProperties()));
        return true;
    }

    /** Drops the connection on purpose (so the broker resends what was not acknowledged) and connects again. */
    void recycle(String why) {
        gate.connectionLost();
        metrics.disconnected();
        try {
            if (client.isConnected()) {
                client.disconnect(0, null, null, 0, new MqttProperties());
            }
        } catch (MqttException e) {
            LOG.debug("broker disconnect: {}", e.toString());
        }
        retryLater(why);
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        options.setReceiveMaximum(settings.receiveMaximum());
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(10);
        options.setAutomaticReconnect(false);
        settings.username().ifPresent(options::setUserName);
        settings.password().ifPresent(p -> options.setPassword(p.getBytes(StandardCharsets.UTF_8)));
        return options;
    }

    private void connect() {
        if (!running || !connecting.compareAndSet(false, true)) {
            return;
        }
        try {
            client.connect(options(), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    subscribe();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    retryLater("connect failed: " + e);
                }
            });
        } catch (MqttException e) {
            retryLater("connect failed: " + e);
        }
    }

    private void subscribe() {
        List<String> filters = BrokerTopics.sharedFilters(settings.group());
        int[] qos = filters.stream().mapToInt(f -> QOS_1).toArray();
        try {
            client.subscribe(filters.toArray(String[]::new), qos, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    subscribed(filters, token.getReasonCodes());
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    recycle("subscribe failed: " + e);
                }
            });
        } catch (MqttException e) {
            recycle("subscribe failed: " + e);
        }
    }

    private void subscribed(List<String> filters, int[] codes) {
        for (int i = 0; i < filters.size(); i++) {
            if (codes == null || i >= codes.length || codes[i] >= 0x80) {
                recycle("broker refused subscription " + filters.get(i) + " (reason code "
                        + (codes == null || i >= codes.length ? "none" : "0x" + Integer.toHexString(codes[i])) + ")");
                return;
            }
        }
        metrics.connected(everConnected);
        everConnected = true;
        delay.reset();
        connecting.set(false);
        LOG.info("broker url={} connected and subscribed to {}", settings.url(), filters);
    }

    private void retryLater(String why) {
        connecting.set(false);
        if (!running) {
            return;
        }
        Duration wait = delay.next();
        LOG.warn("broker url={} {}; next attempt in {} ms", settings.url(), why, wait.toMillis());
        vertx.setTimer(Math.max(1, wait.toMillis()), id -> connect());
    }

    private final class Callback implements MqttCallback {
        private final Receiver receiver;

        Callback(Receiver receiver) {
            this.receiver = receiver;
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            gate.connectionLost();
            metrics.disconnected();
            retryLater("connection lost: " + response);
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            LOG.warn("broker url={} error: {}", settings.url(), e.toString());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
            receiver.received(topic, message);
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // settings publications (retained QoS 1): nothing to do once the broker has them
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // subscriptions are (re)made in the connect listener
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
