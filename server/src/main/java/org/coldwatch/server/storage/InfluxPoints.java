package org.coldwatch.server.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.protocol.TimeQuality;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;

/** The two kinds of points {@link InfluxReadingStore} writes; the schema is described there. */
final class InfluxPoints {
    private InfluxPoints() {
    }

    /** One write request with the readings of the STORED batches, if there are any. */
    static Optional<BatchPoints> readings(String database, List<ReceivedBatch> batches, List<StoreOutcome> outcomes) {
        BatchPoints.Builder request = BatchPoints.database(database).precision(TimeUnit.MILLISECONDS);
        boolean any = false;
        for (int i = 0; i < batches.size(); i++) {
            if (outcomes.get(i) == StoreOutcome.STORED) {
                TelemetryBatch batch = batches.get(i).batch();
                for (Reading r : batch.readings()) {
                    request.point(reading(batch, r));
                    any = true;
                }
            }
        }
        return any ? Optional.of(request.build()) : Optional.empty();
    }

    /** The batches of a group that were new. */
    static List<TelemetryBatch> stored(List<ReceivedBatch> batches, List<StoreOutcome> outcomes) {
        List<TelemetryBatch> stored = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) {
            if (outcomes.get(i) == StoreOutcome.STORED) {
                stored.add(batches.get(i).batch());
            }
        }
        return stored;
    }

    /** One write request with the ledger points of the STORED batches, if there are any. */
    static Optional<BatchPoints> ledger(String database, String retentionPolicy, List<ReceivedBatch> batches,
                                        List<StoreOutcome> outcomes) {
        BatchPoints.Builder request = BatchPoints.database(database).retentionPolicy(retentionPolicy)
                .precision(TimeUnit.NANOSECONDS);
        boolean any = false;
        for (int i = 0; i < batches.size(); i++) {
            if (outcomes.get(i) == StoreOutcome.STORED) {
                request.point(ledger(batches.get(i)));
                any = true;
            }
        }
        return any ? Optional.of(request.build()) : Optional.empty();
    }

    /** A reading: measurement {@code reading} at the measurement time (ms), tags gateway/sensor/kind. */
    static Point reading(TelemetryBatch batch, Reading r) {
        Point.Builder point = Point.measurement(InfluxReadingStore.READING)
                .time(r.measuredAt().toEpochMilli(), TimeUnit.MILLISECONDS)
                .tag("gateway", batch.gatewayId())
                .tag("sensor", r.sensorId())
                .tag("kind", r.kind().wireName())
                .addField("value", r.value())
                .addField("seq", batch.seq());
        if (r.timeQuality() != TimeQuality.SYNCED) {
            point.addField("time_quality", r.timeQuality().wireName());
        }
        return point.build();
    }

    /** The ledger point of a batch: time = seq in nanoseconds, so a gateway's ledger is a compact time range. */
    static Point ledger(ReceivedBatch received) {
        TelemetryBatch batch = received.batch();
        return Point.measurement(InfluxReadingStore.LEDGER).time(batch.seq(), TimeUnit.NANOSECONDS)
                .tag("gateway", batch.gatewayId())
                .addField("seq", batch.seq())
                .addField("readings", (long) batch.readings().size())
                .addField("received_ms", received.receivedAt().toEpochMilli())
                .build();
    }
}
