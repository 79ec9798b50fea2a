package org.coldwatch.sim.fleet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.protocol.TelemetryCodec;

/**
 * Makes the real wire payloads of the fleet: {@link TelemetryBatch}es encoded by the protocol's
 * {@link TelemetryCodec}, numbered {@code firstSeq + k} for the k-th batch of a gateway.
 *
 * <p>Sensors are named by kind and number ({@code temp-1}, {@code rh-2}, {@code temp-3}, {@code scale-4},
 * {@code door-5}, …; the kinds cycle in that order). Readings go round-robin over the sensors, continuing from one
 * batch to the next, so batches smaller than the sensor count still cover every sensor in turn. The newest readings
 * of a batch are measured at the batch's intended send time; when a batch holds several rounds over the sensors, the
 * older rounds are spaced evenly back over one send interval, as a gateway that samples between sends would.
 */
final class BatchFactory {
    private static final ReadingKind[] KIND_CYCLE = {ReadingKind.TEMPERATURE, ReadingKind.HUMIDITY,
        ReadingKind.TEMPERATURE, ReadingKind.WEIGHT, ReadingKind.DOOR};

    private final String[] sensorIds;
    private final ReadingKind[] kinds;
    private final int readingsPerMessage;
    private final long firstSeq;
    private final long roundStepNanos;
    private final long wallAnchorMillis;

    /**
     * @param wallAnchorMillis the wall-clock time (epoch milliseconds) of run-relative time zero
     */
    BatchFactory(int sensors, int readingsPerMessage, long firstSeq, long intervalNanos, long wallAnchorMillis) {
        this.sensorIds = new String[sensors];
        this.kinds = new ReadingKind[sensors];
        for (int s = 0; s < sensors; s++) {
            kinds[s] = KIND_CYCLE[s % KIND_CYCLE.length];
            sensorIds[s] = prefix(kinds[s]) + "-" + (s + 1);
        }
        this.readingsPerMessage = readingsPerMessage;
        this.firstSeq = firstSeq;
        int rounds = (readingsPerMessage + sensors - 1) / sensors;
        this.roundStepNanos = intervalNanos / rounds;
        this.wallAnchorMillis = wallAnchorMillis;
    }

    /** The sequence number of batch {@code k} (0-based) of any gateway. */
    long seqOf(long k) {
        return firstSeq + k;
    }

    /** Batch {@code k} of {@code gatewayId}, meant to be sent at run-relative {@code intendedNanos}. */
    PendingBatch create(String gatewayId, SimulatedValues values, long k, long intendedNanos) {
        int sensors = sensorIds.length;
        List<Reading> readings = new ArrayList<>(readingsPerMessage);
        for (int r = 0; r < readingsPerMessage; r++) {
            int s = (int) ((k * readingsPerMessage + r) % sensors);
            long measuredNanos = intendedNanos - (long) ((readingsPerMessage - 1 - r) / sensors) * roundStepNanos;
            Instant measuredAt = Instant.ofEpochMilli(wallAnchorMillis + Math.floorDiv(measuredNanos, 1_000_000L));
            readings.add(Reading.of(sensorIds[s], kinds[s], values.next(kinds[s], s, measuredNanos), measuredAt));
        }
        long seq = seqOf(k);
        byte[] payload = TelemetryCodec.encode(TelemetryBatch.of(gatewayId, seq, readings));
        return new PendingBatch(seq, readingsPerMessage, payload, intendedNanos);
    }

    private static String prefix(ReadingKind kind) {
        return switch (kind) {
            case TEMPERATURE -> "temp";
            case HUMIDITY -> "rh";
            case WEIGHT -> "scale";
            case DOOR -> "door";
            case DOOR_OPEN_DURATION -> "door-open";
        };
    }
}
