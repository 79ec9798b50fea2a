package org.coldwatch.server.storage;

import java.util.concurrent.TimeUnit;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.protocol.TimeQuality;
import org.influxdb.dto.Point;

/** The two kinds of points {@link InfluxReadingStore} writes; the schema is described there. */
final class InfluxPoints {
    private InfluxPoints() {
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
