package org.coldwatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.coldwatch.protocol.MeasurementTimeCheck;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.protocol.TelemetryCodec;
import org.coldwatch.protocol.Topics;
import org.coldwatch.server.fleet.GatewayPresence;
import org.coldwatch.server.storage.SqliteReadingStore;
import org.coldwatch.server.storage.SqliteRejectionArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestPipelineTest {
    static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

    /** A listener that remembers what it was told. */
    static final class RecordingListener implements IngestListener {
        final List<TelemetryBatch> stored = new ArrayList<>();

        @Override
        public synchronized void stored(TelemetryBatch batch) {
            stored.add(batch);
        }

        @Override
        public void presenceChanged(String gatewayId, String storeId, boolean online) {
        }
    }

    @TempDir
    Path dir;
    SqliteReadingStore store;
    IngestMetrics metrics;
    RejectionLog rejections;
    SqliteRejectionArchive archive;
    RecordingListener listener = new RecordingListener();
    IngestPipeline pipeline;

    @BeforeEach
    void setUp() throws Exception {
        store = SqliteReadingStore.open(dir.resolve("readings.db"));
        metrics = new IngestMetrics(new SimpleMeterRegistry());
        archive = SqliteRejectionArchive.open(dir.resolve("rejections.db"), 1_000);
        rejections = new RejectionLog(metrics, archive);
        pipeline = new IngestPipeline(store, new GatewayPresence(), listener, rejections, metrics,
                MeasurementTimeCheck.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void tearDown() {
        store.close();
        archive.close();
    }

    static byte[] batch(String gateway, long seq, Instant at) {
        return TelemetryCodec.encode(TelemetryBatch.of(gateway, seq,
                List.of(Reading.of("air", ReadingKind.TEMPERATURE, 1.5, at))));
    }

    static void await(Future<Void> future) throws Exception {
        future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    RefusedException refusal(Future<Void> future) {
        try {
            await(future);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(RefusedException.class);
            return (RefusedException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void storesAValidBatchAndTellsTheListenerOnce() throws Exception {
        await(pipeline.onPublish("gw-1", Topics.telemetry("gw-1"), batch("gw-1", 1, NOW)));
        await(pipeline.onPublish("gw-1", Topics.telemetry("gw-1"), batch("gw-1", 1, NOW)));

        assertThat(store.tally("gw-1").batches()).isEqualTo(1);
        assertThat(listener.stored).hasSize(1);
    }

    @Test
    void refusesAPublishOnAnotherGatewaysTopic() {
        RefusedException e = refusal(pipeline.onPublish("gw-1", Topics.telemetry("gw-2"), batch("gw-2", 1, NOW)));

        assertThat(e.reason()).isEqualTo(RejectReason.FOREIGN_TOPIC);
        assertThat(e.getMessage()).contains("coldwatch/v1/gw/gw-2/telemetry").contains("gw-1");
        assertThat(store.tally("gw-2").batches()).isZero();
    }

    @Test
    void refusesABatchThatNamesAnotherGateway() {
        RefusedException e = refusal(pipeline.onPublish("gw-1", Topics.telemetry("gw-1"), batch("gw-2", 1, NOW)));

        assertThat(e.reason()).isEqualTo(RejectReason.GATEWAY_MISMATCH);
        assertThat(e.getMessage()).isEqualTo("gateway: the batch names 'gw-2' but was sent by 'gw-1'");
    }

    @Test
    void refusesAMeasurementTimeAYearAhead() {
        RefusedException e = refusal(pipeline.onPublish("gw-1", Topics.telemetry("gw-1"),
                batch("gw-1", 1, NOW.plus(Duration.ofDays(365)))));

        assertThat(e.reason()).isEqualTo(RejectReason.MEASUREMENT_TIME);
        assertThat(e.getMessage()).contains("365 days ahead");
    }

    @Test
    void refusesMalformedJsonWithTheWireProblemAsReason() {
        RefusedException e = refusal(pipeline.onPublish("gw-1", Topics.telemetry("gw-1"),
                "{oops".getBytes(StandardCharsets.UTF_8)));

        assertThat(e.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @Test
    void refusesGatewaysPublishingConfiguration() {
        RefusedException e = refusal(pipeline.onPublish("gw-1", Topics.config("gw-1"), new byte[0]));

        assertThat(e.reason()).isEqualTo(RejectReason.FOREIGN_TOPIC);
    }

    @Test
    void countsAndListsEveryRefusal() {
        refusal(pipeline.onPublish("gw-1", Topics.telemetry("gw-2"), batch("gw-2", 1, NOW)));
        refusal(pipeline.onPublish("gw-1", Topics.telemetry("gw-1"), "x".getBytes(StandardCharsets.UTF_8)));

        assertThat(metrics.rejectedCount(RejectReason.FOREIGN_TOPIC)).isEqualTo(1.0);
        assertThat(metrics.rejectedCount(RejectReason.MALFORMED_JSON)).isEqualTo(1.0);
        archive.flush();
        List<Rejection> recent = rejections.recent(10);
        assertThat(recent).extracting(Rejection::reason)
                .containsExactly(RejectReason.MALFORMED_JSON, RejectReason.FOREIGN_TOPIC);
        assertThat(archive.payload(recent.get(0).id())).hasValueSatisfying(
                payload -> assertThat(new String(payload, StandardCharsets.UTF_8)).isEqualTo("x"));
    }
}
