package org.coldwatch.server.rollups;

import java.util.Objects;
import org.coldwatch.protocol.ReadingKind;

/**
 * One time series: what one sensor of one gateway measures.
 *
 * @param gatewayId the gateway
 * @param sensorId  the sensor, unique within its gateway
 * @param kind      what is measured
 */
public record SeriesKey(String gatewayId, String sensorId, ReadingKind kind) {

    public SeriesKey {
        Objects.requireNonNull(gatewayId, "gatewayId");
        Objects.requireNonNull(sensorId, "sensorId");
        Objects.requireNonNull(kind, "kind");
    }
}
