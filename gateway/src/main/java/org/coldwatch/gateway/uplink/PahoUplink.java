package org.coldwatch.gateway.uplink;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.coldwatch.gateway.config.GatewayConfig;
import org.coldwatch.gateway.outbox.Outbox;
import org.coldwatch.gateway.outbox.OutboxException;
import org.coldwatch.gateway.outbox.SealedBatch;
import org.coldwatch.protocol.GatewayStatus;
import org.coldwatch.protocol.Topics;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Uplink} over MQTT 5 with Eclipse Paho's {@link MqttAsyncClient}.
 *
 * <p>One thread ("coldwatch-uplink") owns the connection: it connects, announces the gateway online, subscribes to
 * its config topic, then publishes batches from the outbox at QoS 1 until the connection is lost, and then waits a
 * {@link Backoff} and starts over with a fresh client and a clean session. Paho's own reconnect and persistence are
 * not used: the outbox is the persistence, and after every reconnect the sender starts again from the oldest
 * unacknowledged batch, so whatever was in flight is resent with the same seq and bytes (the server de-duplicates).
 *
 * <p>In-flight publishes are gated by {@link InflightLanes}, sized to the smaller of {@code uplink.inflight} and the
 * server's Receive Maximum, and released by {@link PublishAnswers}: Paho does not block at Receive Maximum, it throws.
 * After a reconnect the backlog goes oldest first at full speed, while readings appended since the connection came
 * up take the live lane (a reserved tenth of the window) and reach the server within a poll of 50–200 ms.
 * {@link PublishAnswers} decides what each PUBACK means (acknowledge, or quarantine a refusal); nothing else removes
 * a batch.
 */
public final class PahoUplink implements Uplink {
    private static final Logger LOG = LoggerFactory.getLogger(PahoUplink.class);
    private static final int QOS_1 = 1;
    private static final int MAX_BATCHES_PER_FETCH = 4;
    private static final long OPERATION_TIMEOUT_MILLIS = 10_000;
    private static final long IDLE_POLL_MILLIS = 200;
    private static final long LANE_POLL_MILLIS = 50;

    private final GatewayConfig.Identity identity;
    private final GatewayConfig.UplinkSettings settings;
    private final Outbox outbox;
    private final String softwareVersion;
    private final Backoff backoff;
    private final String telemetryTopic;
    private final String statusTopic;
    private final String configTopic;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Thread thread;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private volatile boolean running;
    private volatile Session current;
    private volatile Consumer<byte[]> configListener = payload -> { };
    private boolean everConnected;
    private boolean failingToConnect;

    /**
     * An uplink for {@code config}'s gateway, sending from {@code outbox}. Does nothing until {@link #start()}.
     *
     * @param softwareVersion announced in the retained "online" status
     */
    public PahoUplink(GatewayConfig config, Outbox outbox, String softwareVersion) {
        this(config, outbox, softwareVersion, new Random());
    }

    PahoUplink(GatewayConfig config, Outbox outbox, String softwareVersion, Random jitter) {
        this.identity = config.gateway();
        this.settings = config.uplink();
        this.outbox = outbox;
        this.softwareVersion = softwareVersion;
        this.backoff = new Backoff(settings.backoffInitial(), settings.backoffMax(), 2.0, jitter);
        this.telemetryTopic = Topics.telemetry(identity.id());
        this.statusTopic = Topics.status(identity.id());
        this.configTopic = Topics.config(identity.id());
        this.thread = new Thread(this::run, "coldwatch-uplink");
        this.thread.setDaemon(true);
    }

    @Override
    public synchronized void start() {
        if (running || thread.isAlive()) {
            return;
        }
        running = true;
        thread.start();
    }

    @Override
    public UplinkStats stats() {
        Session session = current;
        return new UplinkStats(published.get(), acknowledged.get(), quarantined.get(), reconnects.get(),
                session != null && session.up);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
        }
        wakeUp.release();
        try {
            thread.join(3 * OPERATION_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("uplink: gateway={} did not stop within {} ms", identity.id(), 3 * OPERATION_TIMEOUT_MILLIS);
        }
    }

    @Override
    public void onConfig(Consumer<byte[]> listener) {
        configListener = listener;
    }

    @Override
    public boolean publishSnapshot(Topics.Channel channel, byte[] payload) {
        Session session = current;
        if (session == null || !session.up) {
            return false;
        }
        try {
            // QoS 0: takes no slot of the Receive Maximum window the telemetry sender fills (Paho throws beyond it)
            session.client.publish(Topics.of(identity.id(), channel), payload, 0, false);
            return true;
        } catch (MqttException e) {
            LOG.debug("uplink: gateway={} {} publish failed: {}", identity.id(), channel.segment(), e.getMessage());
            return false;
        }
    }

    /** Test hook: drops the connection without a DISCONNECT packet, as a power cut would (the broker sends the will). */
    void dropConnectionUncleanly() {
        Session session = current;
        if (session != null) {
            session.abort();
        }
    }

    private void run() {
        while (running) {
            Session session = connect();
            if (session == null) {
                pause(backoff.next());
                continue;
            }
            backoff.reset();
            current = session;
            try {
                session.sendUntilLost();
            } finally {
                if (running) {
                    session.abort();
                } else {
                    session.closeCleanly();
                }
                current = null;
            }
            if (running) {
                pause(backoff.next());
            }
        }
    }

    /** A connected session, or null after logging why not. */
    private Session connect() {
        MqttAsyncClient client = null;
        try {
            client = new MqttAsyncClient(settings.serverUri(), identity.id(), new MemoryPersistence());
            Session session = new Session(client);
            client.setCallback(session);
            IMqttToken connected = client.connect(PahoSessions.options(identity, settings, statusTopic, QOS_1,
                    OPERATION_TIMEOUT_MILLIS));
            connected.waitForCompletion(OPERATION_TIMEOUT_MILLIS);
            session.openWindow(PahoSessions.window(connected, settings.inflight()));
            client.publish(statusTopic, GatewayStatus.online(softwareVersion).encode(), QOS_1, true)
                    .waitForCompletion(OPERATION_TIMEOUT_MILLIS);
            client.subscribe(configTopic, QOS_1).waitForCompletion(OPERATION_TIMEOUT_MILLIS);
            if (everConnected) {
                reconnects.incrementAndGet();
            }
            everConnected = true;
            failingToConnect = false;
            session.up = true;
            LOG.info("uplink: gateway={} connected to {} (in-flight window {})", identity.id(),
                    settings.serverUri(), session.window);
            return session;
        } catch (MqttException e) {
            if (!failingToConnect) {
                LOG.warn("uplink: gateway={} cannot connect to {}: {} (code {}); retrying with backoff up to {} ms",
                        identity.id(), settings.serverUri(), e.getMessage(), e.getReasonCode(),
                        settings.backoffMaxMillis());
            } else {
                LOG.debug("uplink: gateway={} connect attempt failed: {}", identity.id(), e.getMessage());
            }
            failingToConnect = true;
            PahoSessions.closeQuietly(client);
            return null;
        }
    }

    private void pause(Duration duration) {
        try {
            if (wakeUp.tryAcquire(duration.toMillis(), TimeUnit.MILLISECONDS)) {
                wakeUp.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** One connection: its client, its lane scheduler and its completion handling. */
    private final class Session implements MqttCallback {
        private final MqttAsyncClient client;
        private LaneScheduler scheduler;
        private PublishAnswers answers;
        private int window;
        private volatile boolean up;
        private volatile boolean lost;
        private boolean aborted;

        Session(MqttAsyncClient client) {
            this.client = client;
        }

        void openWindow(int size) {
            window = size;
            scheduler = new LaneScheduler(outbox, new InflightLanes(size), MAX_BATCHES_PER_FETCH);
            answers = new PublishAnswers(identity.id(), outbox, seq -> scheduler.freed(seq), acknowledged,
                    quarantined, this::endAfterUndelivered);
        }

        /** A batch was not delivered on a live connection: end it, so the backlog is resent from the oldest. */
        private void endAfterUndelivered() {
            lost = true;
            wakeUp.release();
        }

        /**
         * Publishes until the connection is lost or the uplink closes: readings appended lately go first through
         * the live lane; the backlog, oldest first, fills the rest of the window ({@link LaneScheduler}).
         */
        void sendUntilLost() {
            while (running && !lost) {
                if (!client.isConnected()) {
                    LOG.warn("uplink: gateway={} connection lost", identity.id());
                    break;
                }
                LaneScheduler.Next next;
                try {
                    next = scheduler.next();
                } catch (OutboxException e) {
                    LOG.error("uplink: gateway={} cannot read the outbox: {}", identity.id(), e.getMessage());
                    pause(Duration.ofMillis(IDLE_POLL_MILLIS));
                    continue;
                }
                switch (next.step()) {
                    case PUBLISH -> publish(next.batch());
                    case NOTHING_TO_SEND -> pause(Duration.ofMillis(IDLE_POLL_MILLIS));
                    case WINDOW_FULL -> awaitFreedPlace();
                }
            }
        }

        /** Publishes {@code batch} in the place the scheduler took; on failure frees it and ends the session. */
        private void publish(SealedBatch batch) {
            try {
                client.publish(telemetryTopic, new MqttMessage(batch.payload(), QOS_1, false, null), batch, answers);
                published.incrementAndGet();
            } catch (MqttException e) {
                scheduler.freed(batch.seq());
                LOG.warn("uplink: gateway={} publish of seq={} failed: {} (code {}); reconnecting",
                        identity.id(), batch.seq(), e.getMessage(), e.getReasonCode());
                lost = true;
            }
        }

        private void awaitFreedPlace() {
            try {
                scheduler.awaitFreedPlace(LANE_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (up && running) {
                LOG.warn("uplink: gateway={} connection lost: {}", identity.id(), response);
            }
            // Not relied upon alone: Paho does not call this on every kind of loss; the send loop also polls.
            up = false;
            lost = true;
            wakeUp.release();
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("uplink: gateway={} MQTT error: {}", identity.id(), exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            LOG.info("uplink: gateway={} config received ({} bytes)", identity.id(), message.getPayload().length);
            configListener.accept(message.getPayload());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // handled per publish in onSuccess / onFailure
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // connection state is tracked by the uplink thread
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }

        /** Closes the socket without DISCONNECT: the broker publishes the will, in-flight batches stay unacknowledged. */
        synchronized void abort() {
            // Idempotent: the run loop and a caller dropping the link (close, tests) may both abort one session,
            // and a second forced disconnect makes Paho 1.2.5 throw a NullPointerException from its comms layer.
            if (aborted) {
                return;
            }
            aborted = true;
            up = false;
            lost = true;
            wakeUp.release();
            try {
                client.disconnectForcibly(0, 1_000, false);
            } catch (MqttException e) {
                LOG.debug("uplink: gateway={} forced disconnect: {}", identity.id(), e.getMessage());
            } catch (NullPointerException e) {
                // Paho 1.2.5 when its own connection-lost shutdown got there first: the socket is closed either way.
                LOG.debug("uplink: gateway={} forced disconnect raced Paho's own shutdown", identity.id());
            }
            PahoSessions.closeQuietly(client);
        }

        /** Announces "offline", lets in-flight publishes finish briefly, and disconnects (no will). */
        void closeCleanly() {
            try {
                client.publish(statusTopic, GatewayStatus.offline().encode(), QOS_1, true)
                        .waitForCompletion(OPERATION_TIMEOUT_MILLIS / 5);
                client.disconnect(OPERATION_TIMEOUT_MILLIS / 5).waitForCompletion(OPERATION_TIMEOUT_MILLIS / 2);
                LOG.info("uplink: gateway={} disconnected", identity.id());
            } catch (MqttException e) {
                LOG.warn("uplink: gateway={} clean disconnect failed: {}", identity.id(), e.getMessage());
            } finally {
                up = false;
                PahoSessions.closeQuietly(client);
            }
        }
    }
}
