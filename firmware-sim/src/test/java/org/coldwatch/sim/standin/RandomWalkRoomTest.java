package org.coldwatch.sim.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.junit.jupiter.api.Test;

class RandomWalkRoomTest {
    static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");

    static List<List<Reading>> week(long seed) {
        RandomWalkRoom room = new RandomWalkRoom(RandomWalkRoom.Setup.apples("room1", 5_000), seed, T0);
        List<List<Reading>> samples = new ArrayList<>();
        for (int minute = 1; minute <= 7 * 24 * 60; minute += 10) {
            samples.add(room.read(T0.plus(Duration.ofMinutes(minute))));
        }
        return samples;
    }

    @Test
    void staysPlausibleForAWeekAndKeepsNearItsSetpoint() {
        List<List<Reading>> samples = week(42);
        double sum = 0;
        int count = 0;
        for (List<Reading> sample : samples) {
            for (Reading r : sample) {
                assertThat(r.kind().isPlausible(r.value())).as("%s", r).isTrue();
                if (r.sensorId().equals("room1-air") && r.kind() == ReadingKind.TEMPERATURE) {
                    sum += r.value();
                    count++;
                }
            }
        }
        assertThat(sum / count).isBetween(-0.5, 2.0);
    }

    @Test
    void weightShrinksAtTheApplesRate() {
        // 7 days at 0.022 %/day of 5,000 kg is 7.7 kg; the 0.05 kg sensor noise is within the 10 % tolerance.
        List<List<Reading>> samples = week(7);
        double first = samples.get(0).get(3).value();
        double last = samples.get(samples.size() - 1).get(3).value();

        double lossPercent = (first - last) / first * 100;

        assertThat(lossPercent).isBetween(0.022 * 7 * 0.9, 0.022 * 7 * 1.1);
    }

    @Test
    void theSameSeedGivesTheSameRoom() {
        assertThat(week(3)).isEqualTo(week(3));
        assertThat(week(3)).isNotEqualTo(week(4));
    }
}
