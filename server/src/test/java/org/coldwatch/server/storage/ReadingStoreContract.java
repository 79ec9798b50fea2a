package org.coldwatch.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.TelemetryBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviours every {@link ReadingStore} must show, run against each implementation by a subclass that says how
 * to open (and reopen) a fresh, empty store.
 */
abstract class ReadingStoreContract {
    static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    ReadingStore store;

    /** Opens the store of the current test: empty the first time, with what was committed on later calls. */
    abstract ReadingStore openStore() throws Exception;

    @BeforeEach
    void openFreshStore() throws Exception {
        store = openStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static TelemetryBatch batch(String gateway, long seq, double value, Instant at) {
        return TelemetryBatch.of(gateway, seq, List.of(
                Reading.of("air", ReadingKind.TEMPERATURE, value, at),
                Reading.of("air", ReadingKind.HUMIDITY, 90.0, at)));
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    StoreOutcome store(TelemetryBatch batch) throws Exception {
        return await(store.store(new ReceivedBatch(batch, T0)));
    }

    @Test
    void storesANewBatchAndRecognisesItWhenItComesAgain() throws Exception {
        assertThat(store(batch("gw-1", 1, 2.0, T0))).isEqualTo(StoreOutcome.STORED);
        assertThat(store(batch("gw-1", 1, 2.0, T0))).isEqualTo(StoreOutcome.DUPLICATE);

        assertThat(store.tally("gw-1")).isEqualTo(new GatewayTally(1, 2, 1, 1));
        assertThat(store.recent("gw-1", Optional.empty(), 10)).hasSize(2);
    }

    @Test
    void theSameSeqFromAnotherGatewayIsNotADuplicate() throws Exception {
        assertThat(store(batch("gw-1", 7, 2.0, T0))).isEqualTo(StoreOutcome.STORED);
        assertThat(store(batch("gw-2", 7, 2.0, T0))).isEqualTo(StoreOutcome.STORED);

        assertThat(store.tally("gw-1").batches()).isEqualTo(1);
        assertThat(store.tally("gw-2").batches()).isEqualTo(1);
    }

    @Test
    void recognisesCopiesOfABatchSentConcurrently() throws Exception {
        List<Future<StoreOutcome>> outcomes = new ArrayList<>();
        for (int copy = 0; copy < 3; copy++) {
            for (long seq = 1; seq <= 200; seq++) {
                outcomes.add(store.store(new ReceivedBatch(batch("gw-1", seq, 1.0, T0.plusSeconds(seq)), T0)));
            }
        }
        List<StoreOutcome> results = new ArrayList<>();
        for (Future<StoreOutcome> f : outcomes) {
            results.add(await(f));
        }

        assertThat(results).filteredOn(o -> o == StoreOutcome.STORED).hasSize(200);
        assertThat(results).filteredOn(o -> o == StoreOutcome.DUPLICATE).hasSize(400);
        assertThat(store.tally("gw-1")).isEqualTo(new GatewayTally(200, 400, 1, 200));
        assertThat(store.recent("gw-1", Optional.empty(), 1_000)).hasSize(400);
    }

    @Test
    void recognisesDuplicatesArrivingInAnyOrderAsALiveLaneAndABacklogSendThem() throws Exception {
        TelemetryBatch live = TelemetryBatch.of("gw-1", 5, List.of(Reading.of("air", ReadingKind.HUMIDITY, 90, T0)));
        TelemetryBatch backlog = TelemetryBatch.of("gw-1", 3,
                List.of(Reading.of("air", ReadingKind.HUMIDITY, 91, T0.minusSeconds(3600))));

        assertThat(store(live)).isEqualTo(StoreOutcome.STORED);
        assertThat(store(backlog)).isEqualTo(StoreOutcome.STORED);
        assertThat(store(live)).isEqualTo(StoreOutcome.DUPLICATE);
        assertThat(store(backlog)).isEqualTo(StoreOutcome.DUPLICATE);

        assertThat(store.tally("gw-1")).isEqualTo(new GatewayTally(2, 2, 3, 5));
    }

    @Test
    void tallyCountsGapsBetweenStoredSeqsAndIsEmptyForAnUnknownGateway() throws Exception {
        store(batch("gw-1", 1, 1.0, T0));
        store(batch("gw-1", 4, 1.0, T0.plusSeconds(1)));

        assertThat(store.tally("gw-1")).isEqualTo(new GatewayTally(2, 4, 1, 4));
        assertThat(store.tally("gw-1").gaps()).isEqualTo(2);
        assertThat(store.tally("gw-unknown")).isEqualTo(new GatewayTally(0, 0, 0, 0));
    }

    @Test
    void latestHoldsTheNewestMeasurementPerSensorAndKindEvenWhenAnOlderOneArrivesLater() throws Exception {
        store(batch("gw-1", 2, 5.0, T0.plus(Duration.ofMinutes(10))));
        store(batch("gw-1", 1, 3.0, T0));
        store(TelemetryBatch.of("gw-1", 3, List.of(Reading.of("probe", ReadingKind.TEMPERATURE, -18.5, T0))));
        store(batch("gw-2", 1, 7.0, T0));
        store(batch("gw-3", 1, 9.0, T0));

        List<StoredReading> latest = store.latest(List.of("gw-1", "gw-2", "gw-unknown"));

        assertThat(latest).extracting(r -> r.gatewayId() + "/" + r.sensorId() + "/" + r.kind().wireName() + "="
                        + r.value() + "@" + r.measuredAt())
                .containsExactly(
                        "gw-1/air/humidity=90.0@" + T0.plus(Duration.ofMinutes(10)),
                        "gw-1/air/temperature=5.0@" + T0.plus(Duration.ofMinutes(10)),
                        "gw-1/probe/temperature=-18.5@" + T0,
                        "gw-2/air/humidity=90.0@" + T0,
                        "gw-2/air/temperature=7.0@" + T0);
        assertThat(store.latest(List.of())).isEmpty();
    }

    @Test
    void recentIsNewestFirstLimitedAndFilteredBySensor() throws Exception {
        for (long seq = 1; seq <= 5; seq++) {
            store(TelemetryBatch.of("gw-1", seq, List.of(
                    Reading.of("air", ReadingKind.TEMPERATURE, seq, T0.plusSeconds(10 * seq)),
                    Reading.of("probe", ReadingKind.TEMPERATURE, -seq, T0.plusSeconds(10 * seq + 5)))));
        }
        store(batch("gw-2", 1, 1.0, T0.plusSeconds(1_000)));

        assertThat(store.recent("gw-1", Optional.empty(), 3)).containsExactly(
                new StoredReading("gw-1", 5, "probe", ReadingKind.TEMPERATURE, -5, T0.plusSeconds(55)),
                new StoredReading("gw-1", 5, "air", ReadingKind.TEMPERATURE, 5, T0.plusSeconds(50)),
                new StoredReading("gw-1", 4, "probe", ReadingKind.TEMPERATURE, -4, T0.plusSeconds(45)));
        assertThat(store.recent("gw-1", Optional.of("air"), 2)).containsExactly(
                new StoredReading("gw-1", 5, "air", ReadingKind.TEMPERATURE, 5, T0.plusSeconds(50)),
                new StoredReading("gw-1", 4, "air", ReadingKind.TEMPERATURE, 4, T0.plusSeconds(40)));
        assertThat(store.recent("gw-1", Optional.of("none"), 10)).isEmpty();
    }

    @Test
    void keepsWhatWasCommittedAcrossReopening() throws Exception {
        store(batch("gw-1", 1, 1.0, T0));
        store.close();

        store = openStore();

        assertThat(store(batch("gw-1", 1, 1.0, T0))).isEqualTo(StoreOutcome.DUPLICATE);
        assertThat(store.tally("gw-1")).isEqualTo(new GatewayTally(1, 2, 1, 1));
    }

    @Test
    void closingSettlesEveryPendingWriteAndRefusesNewOnes() throws Exception {
        List<Future<StoreOutcome>> pending = new ArrayList<>();
        for (long seq = 1; seq <= 300; seq++) {
            pending.add(store.store(new ReceivedBatch(batch("gw-1", seq, 1.0, T0.plusSeconds(seq)), T0)));
        }

        store.close();

        assertThat(pending).allMatch(Future::isComplete);
        assertThat(store.store(new ReceivedBatch(batch("gw-1", 999, 1.0, T0), T0)).failed()).isTrue();
        assertThat(store.health().up()).isFalse();
        long stored = pending.stream().filter(Future::succeeded).count();
        store = openStore();
        assertThat(store.tally("gw-1").batches()).isEqualTo(stored);
    }
}
