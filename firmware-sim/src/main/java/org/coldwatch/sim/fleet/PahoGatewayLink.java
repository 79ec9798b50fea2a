package org.coldwatch.sim.fleet;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.coldwatch.protocol.Topics;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One virtual gateway's MQTT 5 connection, with Eclipse Paho's {@link MqttAsyncClient} on the fleet's shared
 * threads.
 *
 * <p>Like the real gateway, it connects with clean start and no session expiry: the gateway's own store of
 * unacknowledged batches (here {@link VirtualGateway}) is the source of truth, not the MQTT session, so after every
 * reconnect the batches that were in flight are sent again with their seq, counted as resends, and the server
 * de-duplicates them. Paho's automatic reconnect is off; a lost connection is replaced by a fresh client after a
 * jittered exponential backoff (200 ms … 5 s). User name and client id are the gateway id and the password is its
 * secret; an anonymous gateway sends neither user name nor password. Plain TCP connections turn Nagle's algorithm
 * off and read through a buffer ({@link TunedSocketFactory}).
 */
final class PahoGatewayLink implements MqttActionListener {
    private static final Logger LOG = LoggerFactory.getLogger(PahoGatewayLink.class);
    private static final int QOS_1 = 1;
    private static final int MQTT_DEFAULT_RECEIVE_MAXIMUM = 65_535;
    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    private static final long CONNACK_TIMEOUT_MILLIS = 30_000;
    private static final TunedSocketFactory TUNED_SOCKETS = new TunedSocketFactory();

    private final String target;
    private final GatewayCredentials credentials;
    private final VirtualGateway gateway;
    private final String topic;
    private final int keepAliveSeconds;
    private final PahoThreads threads;
    private final ConnectThrottle throttle;
    private final FleetStats stats;
    private final ReconnectBackoff backoff;
    private volatile boolean running = true;
    private MqttAsyncClient client;
    private int session;

    private record Attempt(PendingBatch batch, int session, long publishedNanos) {
    }

    PahoGatewayLink(String target, GatewayCredentials credentials, VirtualGateway gateway, int keepAliveSeconds,
                    PahoThreads threads, ConnectThrottle throttle, FleetStats stats, long seed) {
        this.target = target;
        this.credentials = credentials;
        this.gateway = gateway;
        this.topic = Topics.telemetry(credentials.gatewayId());
        this.keepAliveSeconds = keepAliveSeconds;
        this.threads = threads;
        this.throttle = throttle;
        this.stats = stats;
        this.backoff = new ReconnectBackoff(200, 5_000, new SplittableRandom(seed ^ gateway.index()));
    }

    /** Connects (through the throttle) after {@code delayMillis}; reconnects on its own until {@link #stop}. */
    void connectLater(long delayMillis) {
        threads.runLater(() -> throttle.submit(this::connect), delayMillis);
    }

    /**
     * Stops reconnecting, sends DISCONNECT, waits up to {@code timeoutMillis} for it to go out and releases the
     * client. Blocks (Paho's disconnect alone takes 100 ms): call it on a pool thread.
     */
    void disconnect(long timeoutMillis) {
        MqttAsyncClient closing;
        synchronized (this) {
            running = false;
            closing = client;
            client = null;
        }
        if (closing == null) {
            return;
        }
        try {
            closing.disconnect(0).waitForCompletion(timeoutMillis);
        } catch (MqttException e) {
            LOG.debug("fleet: gateway={} disconnect failed: {}", credentials.gatewayId(), e.getMessage());
        }
        closeQuietly(closing);
    }

    private void connect() {
        if (!running) {
            throttle.done();
            return;
        }
        MqttAsyncClient fresh;
        try {
            fresh = new MqttAsyncClient(target, credentials.gatewayId(), new MemoryPersistence(), null,
                    threads.forPaho());
        } catch (MqttException e) {
            throttle.done();
            connectFailed(null, e);
            return;
        }
        ConnectListener attempt = new ConnectListener(fresh);
        try {
            fresh.setCallback(new LossWatcher(fresh));
            fresh.connect(options(), null, attempt);
            threads.runLater(attempt::giveUp, CONNACK_TIMEOUT_MILLIS);
        } catch (MqttException e) {
            attempt.onFailure(null, e);
        }
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        if (credentials.authenticated()) {
            options.setUserName(credentials.gatewayId());
            options.setPassword(credentials.secret().getBytes(StandardCharsets.UTF_8));
        }
        options.setCleanStart(true);
        options.setKeepAliveInterval(keepAliveSeconds);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
        if (target.startsWith("tcp:")) {
            options.setSocketFactory(TUNED_SOCKETS);
        }
        return options;
    }

    private void connected(MqttAsyncClient fresh, IMqttToken token) {
        MqttProperties properties = token.getResponseProperties();
        Integer serverMaximum = properties == null ? null : properties.getReceiveMaximum();
        int window = serverMaximum == null ? MQTT_DEFAULT_RECEIVE_MAXIMUM : serverMaximum;
        synchronized (this) {
            if (!running) {
                closeQuietly(fresh);
                return;
            }
            client = fresh;
            session = gateway.connected(window, (batch, s, published) -> publish(fresh, batch, s, published));
        }
        backoff.reset();
        stats.connected();
        gateway.pump();
    }

    private boolean publish(MqttAsyncClient via, PendingBatch batch, int s, long publishedNanos) {
        try {
            via.publish(topic, new MqttMessage(batch.payload(), QOS_1, false, null),
                    new Attempt(batch, s, publishedNanos), this);
            return true;
        } catch (MqttException e) {
            LOG.debug("fleet: gateway={} publish of seq={} failed: {} (code {})", credentials.gatewayId(),
                    batch.seq(), e.getMessage(), e.getReasonCode());
            threads.run(() -> lost(via));
            return false;
        } catch (RuntimeException e) {
            // Paho throws unchecked exceptions when a client is closed under it: treat the connection as lost.
            LOG.warn("fleet: gateway={} publish of seq={} failed: {}", credentials.gatewayId(), batch.seq(),
                    e.toString());
            threads.run(() -> lost(via));
            return false;
        }
    }

    /** A PUBACK arrived: a success or a refusal, told apart by its reason code. */
    @Override
    public void onSuccess(IMqttToken token) {
        Attempt attempt = (Attempt) token.getUserContext();
        int[] codes = token.getReasonCodes();
        int code = codes == null || codes.length == 0 ? 0 : codes[0];
        MqttProperties properties = token.getResponseProperties();
        String reason = properties == null ? null : properties.getReasonString();
        gateway.answered(attempt.batch(), attempt.session(), attempt.publishedNanos(), code, reason);
    }

    /** The client gave up on a publish (connection lost, client closed): it will be sent again. */
    @Override
    public void onFailure(IMqttToken token, Throwable exception) {
        Attempt attempt = (Attempt) token.getUserContext();
        gateway.failed(attempt.batch(), attempt.session());
    }

    private void lost(MqttAsyncClient which) {
        int lostSession;
        synchronized (this) {
            if (which != client) {
                return;
            }
            client = null;
            lostSession = session;
        }
        stats.disconnected();
        gateway.connectionLost(lostSession);
        closeQuietly(which);
        if (running) {
            long delay = backoff.nextDelayMillis();
            LOG.debug("fleet: gateway={} connection lost; reconnecting in {} ms", credentials.gatewayId(), delay);
            connectLater(delay);
        }
    }

    private void connectFailed(MqttAsyncClient failed, Throwable cause) {
        int code = cause instanceof MqttException e ? e.getReasonCode() : -1;
        stats.connectFailed(code, String.valueOf(cause.getMessage()));
        LOG.debug("fleet: gateway={} cannot connect: {} (code {})", credentials.gatewayId(), cause.getMessage(), code);
        if (failed != null) {
            closeQuietly(failed);
        }
        if (running) {
            connectLater(backoff.nextDelayMillis());
        }
    }

    private void closeQuietly(MqttAsyncClient which) {
        try {
            if (which.isConnected()) {
                which.disconnectForcibly(0, 100, false);
            }
            which.close(true);
        } catch (MqttException e) {
            LOG.debug("fleet: gateway={} closing the client: {}", credentials.gatewayId(), e.getMessage());
        }
    }

    /**
     * Completes one connection attempt: with the CONNACK, with Paho's failure, or with a timeout when a server
     * accepts the TCP connection but never answers (Paho waits for the CONNACK without a limit). Whichever comes first
     * decides; the others are ignored.
     */
    private final class ConnectListener implements MqttActionListener {
        private final MqttAsyncClient fresh;
        private final AtomicBoolean settled = new AtomicBoolean();

        ConnectListener(MqttAsyncClient fresh) {
            this.fresh = fresh;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            if (settled.compareAndSet(false, true)) {
                throttle.done();
                connected(fresh, token);
            }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable exception) {
            if (settled.compareAndSet(false, true)) {
                throttle.done();
                threads.run(() -> connectFailed(fresh, exception));
            }
        }

        void giveUp() {
            if (settled.compareAndSet(false, true)) {
                throttle.done();
                connectFailed(fresh, new MqttException(MqttClientException.REASON_CODE_CLIENT_TIMEOUT,
                        new java.util.concurrent.TimeoutException("no CONNACK within " + CONNACK_TIMEOUT_MILLIS
                                + " ms")));
            }
        }
    }

    /** Notices the loss of one client's connection. */
    private final class LossWatcher implements MqttCallback {
        private final MqttAsyncClient watched;

        LossWatcher(MqttAsyncClient watched) {
            this.watched = watched;
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            threads.run(() -> lost(watched));
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.debug("fleet: gateway={} MQTT error: {}", credentials.gatewayId(), exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // the fleet subscribes to nothing
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // answers are handled per publish in onSuccess / onFailure
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // connection state is tracked by the connect listener
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
