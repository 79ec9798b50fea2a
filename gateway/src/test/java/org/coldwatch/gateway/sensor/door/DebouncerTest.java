package org.coldwatch.gateway.sensor.door;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DebouncerTest {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private static Instant ms(long millis) {
        return T0.plusMillis(millis);
    }

    /** Feeds {@code levels[i]} at {@code i} ms (1 = open). */
    private static List<DoorChange> feed(Debouncer d, long fromMs, int... levels) {
        List<DoorChange> changes = new ArrayList<>();
        for (int i = 0; i < levels.length; i++) {
            d.sample(levels[i] == 1, ms(fromMs + i), (fromMs + i) * 1_000_000L).ifPresent(changes::add);
        }
        return changes;
    }

    @Test
    void aBouncingOpeningIsOneChangeDatedAtTheFirstEdge() {
        Debouncer d = new Debouncer(Duration.ofMillis(5), false, 0);

        List<DoorChange> changes = feed(d, 10, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1);

        assertThat(changes).containsExactly(new DoorChange(true, ms(10), Optional.empty()));
        assertThat(d.open()).isTrue();
    }

    @Test
    void aGlitchShorterThanTheDebounceTimeIsIgnored() {
        Debouncer d = new Debouncer(Duration.ofMillis(5), false, 0);

        assertThat(feed(d, 10, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0)).isEmpty();
        assertThat(d.open()).isFalse();
    }

    @Test
    void aClosingReportsHowLongTheDoorStoodOpen() {
        Debouncer d = new Debouncer(Duration.ofMillis(5), false, 0);
        feed(d, 0, 1, 1, 1, 1, 1, 1);

        List<DoorChange> changes = feed(d, 42_000, 0, 1, 0, 0, 0, 0, 0, 0);

        assertThat(changes).containsExactly(new DoorChange(false, ms(42_000), Optional.of(Duration.ofMillis(42_000))));
    }

    @Test
    void aWallClockJumpChangesNeitherTheDebounceNorTheDuration() {
        Debouncer d = new Debouncer(Duration.ofMillis(5), false, 0);
        d.sample(true, ms(0), 0);
        // NTP sets the clock 30 years ahead 1 ms later: still a bounce, not a stable opening
        Instant synced = T0.plus(Duration.ofDays(365L * 30));
        assertThat(d.sample(true, synced, 1_000_000L)).isEmpty();
        assertThat(d.sample(true, synced.plusMillis(4), 5_000_000L)).contains(new DoorChange(true, ms(0),
                Optional.empty()));
        d.sample(false, synced.plusSeconds(60), 60_000_000_000L);

        Optional<DoorChange> closed = d.sample(false, synced.plusSeconds(61), 61_000_000_000L);

        assertThat(closed).contains(new DoorChange(false, synced.plusSeconds(60), Optional.of(Duration.ofSeconds(60))));
    }

    @Test
    void aDoorOpenAtStartHasNoDurationOnItsFirstClosing() {
        Debouncer d = new Debouncer(Duration.ofMillis(5), true, 0);

        List<DoorChange> changes = feed(d, 100, 0, 0, 0, 0, 0, 0);

        assertThat(changes).containsExactly(new DoorChange(false, ms(100), Optional.empty()));
    }
}
