package org.coldwatch.server.ingest.broker;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.coldwatch.protocol.Topics;
import org.coldwatch.server.fleet.FleetRegistry;
import org.coldwatch.server.ingest.IngestPipeline;
import org.coldwatch.server.ingest.RefusedException;
import org.coldwatch.server.ingest.RejectReason;
import org.coldwatch.server.ingest.Rejection;
import org.coldwatch.server.ingest.RejectionLog;
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
 * Takes readings from an external MQTT broker (Mosquitto, EMQX) into the same {@link IngestPipeline} as the built-in
 * endpoint: shared subscriptions, so several server instances split the load; a persistent session (fixed client
 * id, clean start off, session expiry), so the broker queues for an instance while it is away; and manual
 * acknowledgement — the PUBACK goes to the broker only after the pipeline has stored the batch (or recognised it as
 * a duplicate, or refused and archived it), never before.
 *
 * <p>Why Eclipse Paho's {@code mqttv5} {@link MqttAsyncClient} rather than the Vert.x MQTT client: Paho speaks MQTT 5
 * on the client side (session expiry, Receive Maximum, reason codes on SUBACK), has manual acknowledgement for QoS 1
 * ({@code setManualAcks} + {@code messageArrivedComplete}), and is already what the gateway uses; the Vert.x 5 client
 * has auto-ack off, but neither MQTT 5 sessions nor reconnection of its own. Paho's automatic reconnect is off: this
 * class reconnects with its own backoff, so that the first connect (broker not up yet) is retried too and each
 * connection's answers can be told apart ({@link AckGate}).
 *
 * <p>Backpressure: at most {@link BrokerSettings#receiveMaximum()} messages are being handled at once. It is sent as
 * the Receive Maximum in CONNECT, and also enforced here (a full window blocks Paho's callback thread and so, through
 * TCP flow control, the broker); while storage is slow, answers wait, the window fills, and the broker queues the
 * rest for the session. A storage failure leaves the message unanswered and recycles the connection, since a broker resends
 * unacknowledged messages only on a new connection; the resent copies carry DUP and the pipeline's (gateway, seq)
 * de-duplication makes them harmless.
 */
public final class BrokerIngest {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerIngest.class);
    private static final int QOS_1 = 1;
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(15);

    private final Vertx vertx;
    private final BrokerSettings settings;
    private final IngestPipeline pipeline;
    private final RejectionLog rejections;
    private final Clock clock;
    private final KnownGateways known;
    private final BrokerMetrics metrics;
    private final AckGate gate = new AckGate();
    private final ReconnectDelay delay = new ReconnectDelay(FIRST_RETRY, MAX_RETRY);
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final Semaphore window;
    private volatile boolean running;
    private volatile boolean everConnected;
    private Context context;
    private MqttAsyncClient client;

    public BrokerIngest(Vertx vertx, BrokerSettings settings, FleetRegistry fleet, IngestPipeline pipeline,
                        RejectionLog rejections, MeterRegistry registry, Clock clock) {
        this.vertx = vertx;
        this.settings = settings;
        this.pipeline = pipeline;
        this.rejections = rejections;
        this.clock = clock;
        this.known = new KnownGateways(vertx, fleet);
        this.metrics = new BrokerMetrics(registry);
        this.window = new Semaphore(settings.receiveMaximum());
    }

    /**
     * Starts connecting in the background; the broker need not be up yet (it is retried with backoff, and
     * {@link #connected()} tells when it is).
     *
     * @return succeeds once the client exists; fails if the URL or client id is unusable
     */
    public Future<Void> start() {
        try {
            context = vertx.getOrCreateContext();
            client = new MqttAsyncClient(settings.url().toString(), settings.clientId(), new MemoryPersistence());
            client.setManualAcks(true);
            client.setCallback(new Callback());
        } catch (MqttException e) {
            return Future.failedFuture(e);
        }
        running = true;
        LOG.info("broker url={} clientId={} group={} receiveMaximum={} sessionExpiry={}", settings.url(),
                settings.clientId(), settings.group(), settings.receiveMaximum(), settings.sessionExpiry());
        connect();
        return Future.succeededFuture();
    }

    /**
     * Disconnects (the session stays at the broker for {@link BrokerSettings#sessionExpiry()}).
     *
     * @return succeeds once disconnected; never fails (errors are logged)
     */
    public Future<Void> stop() {
        running = false;
        if (client == null) {
            return Future.succeededFuture();
        }
        gate.connectionLost();
        metrics.disconnected();
        return vertx.executeBlocking(() -> {
            try {
                if (client.isConnected()) {
                    client.disconnect(1_000).waitForCompletion(5_000);
                }
                client.close(true);
            } catch (MqttException e) {
                LOG.warn("broker disconnect: {}", e.toString());
            }
            return null;
        });
    }

    /**
     * Publishes a gateway's settings retained at QoS 1 on its config topic at the broker, which keeps them for the
     * gateway's next subscribe.
     *
     * @return whether they were handed to the broker now (false while disconnected)
     */
    public boolean publishConfig(String gatewayId, byte[] payload) {
        if (client == null || !client.isConnected()) {
            return false;
        }
        MqttMessage message = new MqttMessage(payload, QOS_1, true, new MqttProperties());
        try {
            client.publish(Topics.config(gatewayId), message);
            LOG.info("gateway={} settings published at the broker ({} bytes)", gatewayId, payload.length);
            return true;
        } catch (MqttException e) {
            LOG.warn("gateway={} settings not published at the broker: {}", gatewayId, e.toString());
            return false;
        }
    }

    /** Whether the server is connected to the broker and subscribed. */
    public boolean connected() {
        return metrics.isConnected();
    }

    /** The broker's URL (for /health). */
    public String url() {
        return settings.url().toString();
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

    /** Drops the connection on purpose (so the broker resends what was not acknowledged) and connects again. */
    private void recycle(String why) {
        gate.connectionLost();
        metrics.disconnected();
        try {
            if (client.isConnected()) {
                client.disconnect(0, null, null, 0, new MqttProperties());
            }
        } catch (MqttException e) {
            LOG.debug("broker disconnect: {}", e.toString());
        }
        connecting.set(false);
        retryLater(why);
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

    private void onMessage(String topic, MqttMessage message) throws InterruptedException {
        // Mosquitto 2.0.11 was measured sending far more than our Receive Maximum (28,000 in flight, then the heap
        // ran out): so the bound is kept here too. Waiting for a permit blocks Paho's callback thread, its small
        // inbound queue fills, its reader stops, and TCP flow control makes the broker queue the rest.
        while (!window.tryAcquire(1, TimeUnit.SECONDS)) {
            if (!running) {
                return;
            }
        }
        metrics.received(message.isDuplicate());
        int id = message.getId();
        long token = message.getQos() == 0 ? AckGate.NO_ANSWER : gate.admit(id);
        byte[] payload = message.getPayload();
        context.runOnContext(v -> handle(topic, payload).onComplete(result -> answer(topic, id, token, result)));
    }

    private Future<Void> handle(String topic, byte[] payload) {
        String gatewayId = BrokerTopics.sender(topic).orElse(topic);
        return known.isRegistered(gatewayId).compose(registered -> {
            if (registered) {
                return pipeline.onPublish(gatewayId, topic, payload);
            }
            RefusedException refusal = new RefusedException(RejectReason.UNKNOWN_GATEWAY,
                    "topic '" + topic + "': no registered gateway has the id '" + gatewayId + "'");
            rejections.record(Rejection.of(clock.instant(), gatewayId, refusal.reason(), refusal.getMessage(),
                    payload), payload);
            return Future.failedFuture(refusal);
        });
    }

    private void answer(String topic, int id, long token, AsyncResult<Void> result) {
        window.release();
        boolean mayAcknowledge = result.succeeded() || result.cause() instanceof RefusedException;
        if (!mayAcknowledge) {
            LOG.error("broker message {} on {} not stored, not acknowledged; reconnecting so that the broker sends it"
                    + " again: {}", id, topic, result.cause().toString());
        }
        if (token == AckGate.NO_ANSWER || !mayAcknowledge || !gate.release(token, id)) {
            metrics.notAcknowledged();
            if (!mayAcknowledge && running && metrics.isConnected()) {
                recycle("storage failed");
            }
            return;
        }
        try {
            client.messageArrivedComplete(id, QOS_1);
            metrics.acknowledged();
        } catch (MqttException e) {
            metrics.notAcknowledged();
            LOG.debug("broker message {} not acknowledged (connection gone; the broker sends it again): {}", id,
                    e.toString());
        }
    }

    private final class Callback implements MqttCallback {
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
            onMessage(topic, message);
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
