package org.coldwatch.gateway.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeviceHandleTest {

    @Test
    void aBusThatIsNotThereYetIsAMissingSensorThatRecovers() throws SensorFault {
        AtomicInteger attempts = new AtomicInteger();
        DeviceHandle<String> handle = new DeviceHandle<>("I2C bus 1 address 0x44", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("Sysfs validation failed for I2C bus 1");
            }
            return "driver";
        });

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(handle::get).isInstanceOfSatisfying(SensorFault.class, f -> {
                assertThat(f.state()).isEqualTo(SensorState.MISSING);
                assertThat(f).hasMessage("I2C bus 1 address 0x44 not available: Sysfs validation failed for I2C bus 1");
            });
        }
        assertThat(handle.isOpen()).isFalse();
        assertThat(handle.get()).isEqualTo("driver");
        assertThat(handle.get()).isEqualTo("driver");
        assertThat(attempts).hasValue(3);
    }
}
