package org.coldwatch.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.protocol.TelemetryCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteOutboxTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private SqliteOutbox open(int maxReadingsPerBatch) {
        return SqliteOutbox.open(dir.resolve("outbox.db"), "gw-1", maxReadingsPerBatch, CLOCK);
    }

    private static List<Reading> readings(int count, int startSecond) {
        List<Reading> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(Reading.of("room-1.t", ReadingKind.TEMPERATURE, 2.0 + i % 10 * 0.1,
                    T0.plusSeconds(startSecond + i)));
        }
        return list;
    }

    @Test
    void keepsBatchUntilAcknowledged() {
        try (SqliteOutbox outbox = open(500)) {
            outbox.append(readings(3, 0));

            List<SealedBatch> first = outbox.nextToSend(10);
            List<SealedBatch> again = outbox.nextToSend(10);

            assertThat(first).hasSize(1);
            assertThat(again).extracting(SealedBatch::seq).containsExactly(first.get(0).seq());
            assertThat(outbox.depth()).isEqualTo(3);

            outbox.acknowledge(first.get(0).seq());

            assertThat(outbox.nextToSend(10)).isEmpty();
            assertThat(outbox.depth()).isZero();
            assertThat(outbox.oldestUnsent()).isEmpty();
        }
    }

    @Test
    void resendsSameSeqAndBytesAfterReopen() throws Exception {
        SealedBatch before;
        try (SqliteOutbox outbox = open(500)) {
            outbox.append(readings(5, 0));
            before = outbox.nextToSend(1).get(0);
        }
        try (SqliteOutbox reopened = open(500)) {
            reopened.append(readings(2, 100));

            SealedBatch after = reopened.nextToSend(1).get(0);

            assertThat(after.seq()).isEqualTo(before.seq()).isEqualTo(1);
            assertThat(after.payload()).isEqualTo(before.payload());
            TelemetryBatch decoded = TelemetryCodec.decode(after.payload());
            assertThat(decoded.gatewayId()).isEqualTo("gw-1");
            assertThat(decoded.readings()).isEqualTo(readings(5, 0));
        }
    }

    @Test
    void neverReusesSeqAfterAllBatchesAcknowledgedAndReopen() {
        try (SqliteOutbox outbox = open(500)) {
            outbox.append(readings(3, 0));
            outbox.nextToSend(1).forEach(b -> outbox.acknowledge(b.seq()));
            outbox.append(readings(3, 10));
            outbox.nextToSend(1).forEach(b -> outbox.acknowledge(b.seq()));
            assertThat(outbox.depth()).isZero();
        }
        try (SqliteOutbox reopened = open(500)) {
            reopened.append(readings(1, 20));

            assertThat(reopened.nextToSend(1)).extracting(SealedBatch::seq).containsExactly(3L);
        }
    }

    @Test
    void sealsAtMostMaxReadingsPerBatch() throws Exception {
        try (SqliteOutbox outbox = open(40)) {
            outbox.append(readings(100, 0));

            List<SealedBatch> batches = outbox.nextToSend(10);

            assertThat(batches).extracting(SealedBatch::readingCount).containsExactly(40, 40, 20);
            assertThat(batches).extracting(SealedBatch::seq).containsExactly(1L, 2L, 3L);
            List<Reading> all = new ArrayList<>();
            for (SealedBatch b : batches) {
                all.addAll(TelemetryCodec.decode(b.payload()).readings());
            }
            assertThat(all).isEqualTo(readings(100, 0));
        }
    }

    @Test
    void sealsOnlyAsManyBatchesAsAskedAndSkipsThoseAlreadyInFlight() {
        try (SqliteOutbox outbox = open(10)) {
            outbox.append(readings(50, 0));

            assertThat(outbox.nextToSend(2)).extracting(SealedBatch::seq).containsExactly(1L, 2L);
            assertThat(outbox.nextToSend(2, 2)).extracting(SealedBatch::seq).containsExactly(3L, 4L);
            assertThat(outbox.nextToSend(4, 10)).extracting(SealedBatch::seq).containsExactly(5L);
            assertThat(outbox.nextToSend(10)).hasSize(5);
            assertThat(outbox.depth()).isEqualTo(50);
        }
    }

    @Test
    void quarantineRemovesFromSendQueueAndCounts() {
        try (SqliteOutbox outbox = open(2)) {
            outbox.append(readings(4, 0));
            List<SealedBatch> batches = outbox.nextToSend(10);

            outbox.quarantine(batches.get(0).seq(), 0x99, "readings[0].value: NaN is not a finite number");

            assertThat(outbox.quarantinedCount()).isEqualTo(1);
            assertThat(outbox.nextToSend(10)).extracting(SealedBatch::seq).containsExactly(batches.get(1).seq());
            assertThat(outbox.depth()).isEqualTo(2);
            assertThat(outbox.oldestUnsent()).contains(T0.plusSeconds(2));
        }
    }

    @Test
    void appendIsDurableAcrossReopen() {
        try (SqliteOutbox outbox = open(500)) {
            outbox.append(readings(7, 0));
        }
        try (SqliteOutbox reopened = open(500)) {
            assertThat(reopened.depth()).isEqualTo(7);
            assertThat(reopened.oldestUnsent()).contains(T0);
            assertThat(reopened.nextToSend(5)).singleElement()
                    .extracting(SealedBatch::readingCount).isEqualTo(7);
        }
    }

    @Test
    void refusesReadingThatBreaksTheContractAndStoresNoneOfTheList() {
        try (SqliteOutbox outbox = open(500)) {
            List<Reading> list = new ArrayList<>(readings(2, 0));
            list.add(Reading.of("room-1.t", ReadingKind.TEMPERATURE, Double.NaN, T0));

            assertThatThrownBy(() -> outbox.append(list))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a finite number");
            assertThat(outbox.depth()).isZero();
        }
    }
}
