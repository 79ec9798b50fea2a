package org.coldwatch.server.rollups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RollupWindowTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant NOW = Instant.parse("2026-12-03T04:30:00Z"); // 12:30 in Shanghai

    static Instant local(String text) {
        return LocalDateTime.parse(text).atZone(SHANGHAI).toInstant();
    }

    @Test
    void localDatesSpanWholeLocalDaysWithToIncluded() {
        RollupWindow window = RollupWindow.parse(Optional.of("2026-12-01"), Optional.of("2026-12-03"),
                Resolution.DAY, SHANGHAI, NOW);

        assertThat(window.from()).isEqualTo(local("2026-12-01T00:00:00"));
        assertThat(window.to()).isEqualTo(local("2026-12-04T00:00:00"));
    }

    @Test
    void acceptsMillisecondsAndLocalDateTimes() {
        RollupWindow window = RollupWindow.parse(Optional.of("1796256000000"), Optional.of("2026-12-03T08:15"),
                Resolution.MINUTE, SHANGHAI, NOW);

        assertThat(window.from()).isEqualTo(Instant.ofEpochMilli(1_796_256_000_000L));
        assertThat(window.to()).isEqualTo(local("2026-12-03T08:15:00"));
    }

    @Test
    void withoutParametersEndsNowAndStartsOneDayOfHoursBackAtAnHour() {
        RollupWindow window = RollupWindow.parse(Optional.empty(), Optional.empty(), Resolution.HOUR, SHANGHAI, NOW);

        assertThat(window.to()).isEqualTo(NOW);
        assertThat(window.from()).isEqualTo(local("2026-12-02T12:00:00"));
    }

    @Test
    void refusesUnreadableOrEmptyWindowsNamingTheParameter() {
        assertThatThrownBy(() -> RollupWindow.parse(Optional.of("yesterday"), Optional.empty(), Resolution.DAY,
                SHANGHAI, NOW)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("from: 'yesterday'");
        assertThatThrownBy(() -> RollupWindow.parse(Optional.of("2026-12-03T10:00"), Optional.of("2026-12-03T09:00"),
                Resolution.DAY, SHANGHAI, NOW)).hasMessageContaining("must be before to");
    }
}
