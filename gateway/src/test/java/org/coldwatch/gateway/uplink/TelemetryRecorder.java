package org.coldwatch.gateway.uplink;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.coldwatch.protocol.GatewayStatus;
import org.coldwatch.protocol.ProtocolException;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.protocol.TelemetryCodec;
import org.coldwatch.protocol.Topics;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import java.util.function.BiConsumer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The server's side, as far as these tests need it: a Paho MQTT 5 subscriber on a gateway's telemetry topic that
 * decodes every batch and remembers its seq and reading count. Its session is persistent and it reconnects by itself,
 * so batches the broker accepts while it is away are queued for it.
 */
public final class TelemetryRecorder implements AutoCloseable {
    private final MqttAsyncClient client;
    private final Map<Long, Integer> readingsBySeq = new ConcurrentHashMap<>();
    private final AtomicInteger deliveries = new AtomicInteger();
    private final AtomicInteger undecodable = new AtomicInteger();
    private final List<GatewayStatus> statuses = new CopyOnWriteArrayList<>();

    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();

    private TelemetryRecorder(MqttAsyncClient client) {
        this.client = client;
    }

    /** Paho's automatic reconnect misses some server-side disconnects; reconnect whenever the client is down. */
    private void keepConnected(MqttConnectionOptions options) {
        watchdog.scheduleWithFixedDelay(() -> {
            if (!client.isConnected()) {
                try {
                    client.connect(options).waitForCompletion(2_000);
                } catch (MqttException e) {
                    // broker still down; next round
                }
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
    }

    /** Subscribes to {@code gatewayId}'s telemetry and status at {@code brokerUri}, as a server would. */
    public static TelemetryRecorder subscribe(String brokerUri, String gatewayId) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(brokerUri, "recorder-" + gatewayId, new MemoryPersistence());
        TelemetryRecorder recorder = new TelemetryRecorder(client);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(600L);
        options.setAutomaticReconnect(false);
        client.setCallback(new MessageHandler(recorder::record));
        client.connect(options).waitForCompletion(10_000);
        client.subscribe(new MqttSubscription[] {new MqttSubscription(Topics.telemetry(gatewayId), 1),
            new MqttSubscription(Topics.status(gatewayId), 1)}).waitForCompletion(10_000);
        recorder.keepConnected(options);
        return recorder;
    }

    private void record(String topic, byte[] payload) {
        try {
            if (topic.endsWith("/status")) {
                statuses.add(GatewayStatus.decode(payload));
                return;
            }
            deliveries.incrementAndGet();
            TelemetryBatch batch = TelemetryCodec.decode(payload);
            readingsBySeq.put(batch.seq(), batch.readings().size());
        } catch (ProtocolException e) {
            undecodable.incrementAndGet();
        }
    }

    /** Every status message received, in order (the retained one first). */
    List<GatewayStatus> statuses() {
        return List.copyOf(statuses);
    }

    /** Distinct seqs received. */
    /** The seqs of every telemetry batch received so far. */
    public Set<Long> seqs() {
        return new TreeSet<>(readingsBySeq.keySet());
    }

    /** Readings received, counting each seq once. */
    int distinctReadings() {
        return readingsBySeq.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Batches received, duplicates included. */
    int deliveries() {
        return deliveries.get();
    }

    int undecodable() {
        return undecodable.get();
    }

    @Override
    public void close() throws MqttException {
        watchdog.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
        } finally {
            client.close(true);
        }
    }

    /** The status retained on the gateway's status topic, as a newcomer sees it. */
    static GatewayStatus retainedStatus(String brokerUri, String gatewayId) throws Exception {
        MqttAsyncClient probe = new MqttAsyncClient(brokerUri, "probe-" + System.nanoTime(), new MemoryPersistence());
        CompletableFuture<byte[]> first = new CompletableFuture<>();
        try {
            probe.setCallback(new MessageHandler((topic, payload) -> first.complete(payload)));
            probe.connect().waitForCompletion(10_000);
            probe.subscribe(new MqttSubscription(Topics.status(gatewayId), 1)).waitForCompletion(10_000);
            return GatewayStatus.decode(first.get(5, TimeUnit.SECONDS));
        } finally {
            if (probe.isConnected()) {
                probe.disconnect().waitForCompletion(5_000);
            }
            probe.close(true);
        }
    }

    /** Hands every arriving payload to a consumer; ignores the rest. */
    private record MessageHandler(BiConsumer<String, byte[]> payloads) implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            payloads.accept(topic, message.getPayload());
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
