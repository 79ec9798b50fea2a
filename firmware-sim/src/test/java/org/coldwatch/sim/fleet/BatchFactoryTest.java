package org.coldwatch.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.protocol.TelemetryCodec;
import org.junit.jupiter.api.Test;

class BatchFactoryTest {
    static final long ANCHOR_MS = 1_795_420_800_000L;
    static final long INTERVAL = 10_000_000_000L;

    @Test
    void makesPayloadsTheStrictDecoderAcceptsWithPlausibleValues() throws Exception {
        BatchFactory factory = new BatchFactory(7, 50, 1, INTERVAL, ANCHOR_MS);
        SimulatedValues values = new SimulatedValues(42, 3);

        for (long k = 0; k < 200; k++) {
            PendingBatch pending = factory.create("gw-7", values, k, k * INTERVAL);
            TelemetryBatch batch = TelemetryCodec.decode(pending.payload());

            assertThat(batch.gatewayId()).isEqualTo("gw-7");
            assertThat(batch.seq()).isEqualTo(k + 1).isEqualTo(pending.seq());
            assertThat(batch.readings()).hasSize(50);
            assertThat(batch.readings()).allSatisfy(r -> assertThat(r.kind().isPlausible(r.value())).isTrue());
        }
    }

    @Test
    void theNewestReadingsAreMeasuredAtTheIntendedSendTimeAndOlderRoundsSpreadBackOverTheInterval()
            throws Exception {
        BatchFactory factory = new BatchFactory(5, 10, 1, INTERVAL, ANCHOR_MS);

        TelemetryBatch batch = TelemetryCodec.decode(
                factory.create("gw-1", new SimulatedValues(1, 0), 3, 30_000_000_000L).payload());

        Instant intended = Instant.ofEpochMilli(ANCHOR_MS + 30_000);
        assertThat(batch.readings().subList(5, 10)).extracting(Reading::measuredAt).containsOnly(intended);
        assertThat(batch.readings().subList(0, 5)).extracting(Reading::measuredAt)
                .containsOnly(intended.minusSeconds(5));
    }

    @Test
    void goesRoundTheSensorsAcrossBatchesSmallerThanTheSensorCount() throws Exception {
        BatchFactory factory = new BatchFactory(5, 2, 1, INTERVAL, ANCHOR_MS);
        SimulatedValues values = new SimulatedValues(1, 0);

        TelemetryBatch first = TelemetryCodec.decode(factory.create("gw-1", values, 0, 0).payload());
        TelemetryBatch second = TelemetryCodec.decode(factory.create("gw-1", values, 1, INTERVAL).payload());
        TelemetryBatch third = TelemetryCodec.decode(factory.create("gw-1", values, 2, 2 * INTERVAL).payload());

        assertThat(first.readings()).extracting(Reading::sensorId).containsExactly("temp-1", "rh-2");
        assertThat(second.readings()).extracting(Reading::sensorId).containsExactly("temp-3", "scale-4");
        assertThat(third.readings()).extracting(Reading::sensorId).containsExactly("door-5", "temp-1");
        assertThat(second.readings()).extracting(Reading::kind)
                .containsExactly(ReadingKind.TEMPERATURE, ReadingKind.WEIGHT);
    }

    @Test
    void theSameSeedGivesTheSameValues() {
        BatchFactory factory = new BatchFactory(5, 5, 1, INTERVAL, ANCHOR_MS);

        byte[] once = factory.create("gw-1", new SimulatedValues(9, 2), 0, 0).payload();
        byte[] again = factory.create("gw-1", new SimulatedValues(9, 2), 0, 0).payload();

        assertThat(again).isEqualTo(once);
    }
}
