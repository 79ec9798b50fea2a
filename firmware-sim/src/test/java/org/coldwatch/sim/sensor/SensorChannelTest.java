package org.coldwatch.sim.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SensorChannelTest {
    static final Instant T0 = Instant.parse("2026-10-05T00:00:00Z");

    @Test
    void quantisedValuesCarryNoBinaryFloatingPointTails() {
        assertThat(SensorChannel.quantise(92.1000000001, 0.01)).hasToString("92.1");
        assertThat(SensorChannel.quantise(0.51, 0.01)).hasToString("0.51");
        assertThat(SensorChannel.quantise(2.4, 0.0625)).isEqualTo(2.375);
        assertThat(SensorChannel.quantise(12_900.04, 0.1)).hasToString("12900.0");
    }

    @Test
    void stuckSensorRepeatsItsLastReadingAndDriftAccumulatesIntoTheOffset() {
        double[] truth = {5.0};
        SensorChannel channel = new SensorChannel("probe", Measurand.AIR_TEMPERATURE, room -> truth[0],
                ErrorModel.NONE, 1, T0);
        channel.track(null, 0);
        assertThat(channel.read(T0).orElseThrow()).isEqualTo(5.0);
        channel.setStuck(true);
        truth[0] = 9.0;
        channel.track(null, 5);
        assertThat(channel.read(T0.plusSeconds(5)).orElseThrow()).isEqualTo(5.0);
        channel.setStuck(false);
        channel.startDrift(1.0, T0);
        channel.stopDrift(T0.plusSeconds(43_200));
        assertThat(channel.read(T0.plusSeconds(86_400)).orElseThrow()).isEqualTo(9.5);
        channel.setDroppedOut(true);
        assertThat(channel.read(T0)).isEmpty();
    }

}
