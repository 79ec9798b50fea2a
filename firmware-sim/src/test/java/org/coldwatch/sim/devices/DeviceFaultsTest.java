package org.coldwatch.sim.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeviceFaultsTest {

    private final DeviceFaults faults = new DeviceFaults(11);

    @Test
    void corruptsExactlyTheRequestedNumberOfReads() {
        faults.corruptNextReads(2);

        assertThat(faults.takeCorruption()).isTrue();
        assertThat(faults.takeCorruption()).isTrue();
        assertThat(faults.takeCorruption()).isFalse();
    }

    @Test
    void failsExactlyTheRequestedNumberOfTransfers() {
        faults.failNextTransfers(1);

        assertThat(faults.takeTransferFailure()).isTrue();
        assertThat(faults.takeTransferFailure()).isFalse();
    }

    @Test
    void crcErrorProbabilityCorruptsAboutThatShareOfReads() {
        faults.crcErrorProbability(0.25);
        int corrupted = 0;
        for (int i = 0; i < 10_000; i++) {
            corrupted += faults.takeCorruption() ? 1 : 0;
        }

        assertThat(corrupted).isBetween(2_300, 2_700);
    }

    @Test
    void sameSeedCorruptsTheSameReads() {
        DeviceFaults other = new DeviceFaults(11);
        faults.crcErrorProbability(0.5);
        other.crcErrorProbability(0.5);

        for (int i = 0; i < 100; i++) {
            assertThat(faults.takeCorruption()).isEqualTo(other.takeCorruption());
        }
    }

    @Test
    void clearTurnsEverythingOff() {
        faults.missing(true).stuck(true).corruptNextReads(3).failNextTransfers(3).crcErrorProbability(1).clear();

        assertThat(faults.missing()).isFalse();
        assertThat(faults.stuck()).isFalse();
        assertThat(faults.takeCorruption()).isFalse();
        assertThat(faults.takeTransferFailure()).isFalse();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> faults.crcErrorProbability(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.corruptNextReads(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
