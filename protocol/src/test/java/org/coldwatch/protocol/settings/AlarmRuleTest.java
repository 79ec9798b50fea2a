package org.coldwatch.protocol.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.coldwatch.protocol.ReadingKind;
import org.junit.jupiter.api.Test;

class AlarmRuleTest {

    @Test
    void aPrefixRuleMatchesEverySensorOfItsKindStartingWithThePrefix() {
        AlarmRule rule = new AlarmRule("r", "room2-*", ReadingKind.TEMPERATURE, 8.0, null, 0, 0, 0);

        assertThat(rule.matches("room2-air", ReadingKind.TEMPERATURE)).isTrue();
        assertThat(rule.matches("room2-air", ReadingKind.HUMIDITY)).isFalse();
        assertThat(rule.matches("room3-air", ReadingKind.TEMPERATURE)).isFalse();
        assertThat(rule.namesOneSensor()).isFalse();
    }

    @Test
    void clearsOnlyPastTheHysteresisBand() {
        AlarmRule above = new AlarmRule("r", "t", ReadingKind.TEMPERATURE, 8.0, null, 0, 0.5, 0);
        AlarmRule below = new AlarmRule("r", "t", ReadingKind.TEMPERATURE, null, 0.0, 0, 0.5, 0);

        assertThat(above.violatedBy(8.1)).isTrue();
        assertThat(above.violatedBy(8.0)).isFalse();
        assertThat(above.clearedBy(7.6)).isFalse();
        assertThat(above.clearedBy(7.5)).isTrue();
        assertThat(below.violatedBy(-0.1)).isTrue();
        assertThat(below.clearedBy(0.4)).isFalse();
        assertThat(below.clearedBy(0.5)).isTrue();
    }
}
