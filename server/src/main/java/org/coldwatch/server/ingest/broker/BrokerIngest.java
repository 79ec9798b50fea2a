package org.coldwatch.server.ingest.broker;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.coldwatch.protocol.Topics;
import org.coldwatch.server.fleet.FleetRegistry;
import org.coldwatch.server.ingest.IngestPipeline;
import org.coldwatch.server.ingest.RefusedException;
import org.coldwatch.server.ingest.RejectReason;
import org.coldwatch.server.ingest.Rejection;
import org.coldwatch.server.ingest.RejectionLog;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
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
 * has auto-ack off, but neither MQTT 5 sessions nor reconnection of its own. The connection itself (session,
 * subscriptions, reconnect with backoff) is {@link BrokerConnection}; each connection's answers are told apart by the
 * {@link AckGate}.
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

    private final Vertx vertx;
    private final BrokerSettings settings;
    private final IngestPipeline pipeline;
    private final RejectionLog rejections;
    private final Clock clock;
    private final KnownGateways known;
    private final BrokerMetrics metrics;
    private final AckGate gate = new AckGate();
    private final Semaphore window;
    private Context context;
    private BrokerConnection connection;

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
            connection = new BrokerConnection(vertx, settings, metrics, gate, this::onMessage);
        } catch (MqttException e) {
            return Future.failedFuture(e);
        }
        LOG.info("broker url={} clientId={} group={} receiveMaximum={} sessionExpiry={}", settings.url(),
                settings.clientId(), settings.group(), settings.receiveMaximum(), settings.sessionExpiry());
        connection.start();
        return Future.succeededFuture();
    }

    /**
     * Disconnects (the session stays at the broker for {@link BrokerSettings#sessionExpiry()}).
     *
     * @return succeeds once disconnected; never fails (errors are logged)
     */
    public Future<Void> stop() {
        if (connection == null) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> {
            connection.stop();
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
        if (connection == null) {
            return false;
        }
        try {
            boolean sent = connection.publishRetained(Topics.config(gatewayId), payload);
            if (sent) {
                LOG.info("gateway={} settings published at the broker ({} bytes)", gatewayId, payload.length);
            }
            return sent;
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

    private void onMessage(String topic, MqttMessage message) throws InterruptedException {
        // Mosquitto 2.0.11 was measured sending far more than our Receive Maximum (28,000 in flight, then the heap
        // ran out): so the bound is kept here too. Waiting for a permit blocks Paho's callback thread, its small
        // inbound queue fills, its reader stops, and TCP flow control makes the broker queue the rest.
        while (!window.tryAcquire(1, TimeUnit.SECONDS)) {
            if (!connection.running()) {
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
            if (!mayAcknowledge && connection.running() && metrics.isConnected()) {
                connection.recycle("storage failed");
            }
            return;
        }
        try {
            connection.acknowledge(id);
            metrics.acknowledged();
        } catch (MqttException e) {
            metrics.notAcknowledged();
            LOG.debug("broker message {} not acknowledged (connection gone; the broker sends it again): {}", id,
                    e.toString());
        }
    }
}
