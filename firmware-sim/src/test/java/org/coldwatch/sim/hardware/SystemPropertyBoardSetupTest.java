package org.coldwatch.sim.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM started with {@code -Dcoldwatch.sim.scenario=normal-week} and firmware-sim on its class path finds the
 * scenario's SHT3x on the simulated board as soon as it creates a Pi4J context — the way a gateway process runs on
 * simulated rooms unchanged.
 */
class SystemPropertyBoardSetupTest {

    @Test
    void childJvmReadsTheScenariosSht3xThroughPi4j() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dcoldwatch.sim.scenario=normal-week", BoardProbe.class.getName()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(child.exitValue()).as(out).isZero();
            // normal-week starts at 0.5 °C
            assertThat(Double.parseDouble(out.lines().reduce((a, b) -> b).orElseThrow())).isCloseTo(0.5,
                    within(0.5));
        } finally {
            child.destroyForcibly();
        }
    }
}
