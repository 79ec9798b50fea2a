package org.coldwatch.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.coldwatch.gateway.alarm.AlarmCondition;
import org.coldwatch.gateway.alarm.AlarmSettings;
import org.coldwatch.gateway.config.GatewayConfig;
import org.coldwatch.gateway.sensor.SensorSource;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.settings.AlarmRule;
import org.coldwatch.sim.pi4j.OutputPin;
import org.coldwatch.sim.pi4j.SimulatedHardware;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole gateway whose server is unreachable, with its buzzer and silence button on firmware-sim's simulated board:
 * the local alarm must work from the config file alone.
 */
class LocalAlarmWithoutServerTest {
    private static final int BUZZER = 18;
    private static final int SILENCE = 23;

    @TempDir
    Path dir;

    private final AtomicReference<Double> airCelsius = new AtomicReference<>(4.0);
    private final AtomicBoolean buttonReadsHigh = new AtomicBoolean(true);
    private Gateway gateway;

    @BeforeEach
    void wireBoard() {
        SimulatedHardware.reset();
        SimulatedHardware.attachInput(SILENCE, buttonReadsHigh::get);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        SimulatedHardware.reset();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void startGateway(boolean activeHigh) throws IOException {
        AlarmSettings alarm = new AlarmSettings(Optional.of(BUZZER), activeHigh, Optional.of(SILENCE), false, 3600,
                List.of(new AlarmRule("too-warm", "air", ReadingKind.TEMPERATURE, 8.0, null, 1, 0.5, 0)));
        GatewayConfig config = GatewayConfig.builder("gw-alarm", "secret")
                .serverUri("tcp://127.0.0.1:" + closedPort()).outboxPath(dir.resolve("outbox.db"))
                .samplingIntervalMillis(100).alarm(alarm).build();
        SensorSource air = new SensorSource() {
            @Override
            public String name() {
                return "air";
            }

            @Override
            public List<Reading> read(java.time.Instant now) {
                return List.of(Reading.of("air", ReadingKind.TEMPERATURE, airCelsius.get(), now));
            }
        };
        gateway = Gateway.start(config, List.of(air), Clock.systemUTC());
    }

    @Test
    void buzzerSoundsAfterTheDelayWithNoServerAndTheButtonSilencesIt() throws IOException {
        OutputPin buzzer = SimulatedHardware.digitalOutput(BUZZER);
        startGateway(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.samplerStats().readingsAppended() >= 3);
        assertThat(buzzer.isDriven()).isTrue();
        assertThat(buzzer.isHigh()).isFalse();

        airCelsius.set(9.5);

        await().atMost(Duration.ofSeconds(10)).until(buzzer::isHigh);
        assertThat(gateway.uplinkStats().connected()).isFalse();
        assertThat(gateway.alarm().state().active()).singleElement()
                .satisfies(a -> assertThat(a.condition()).isEqualTo(AlarmCondition.ABOVE));

        buttonReadsHigh.set(false);

        await().atMost(Duration.ofSeconds(10)).until(() -> !buzzer.isHigh());
        assertThat(gateway.alarm().state().active()).singleElement()
                .satisfies(a -> assertThat(a.silenced()).isTrue());

        airCelsius.set(7.0);
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.alarm().state().active().isEmpty());
        assertThat(buzzer.isHigh()).isFalse();
    }

    @Test
    void anActiveLowRelayIsPulledLowWhileSounding() throws IOException {
        OutputPin relay = SimulatedHardware.digitalOutput(BUZZER);
        startGateway(false);
        await().atMost(Duration.ofSeconds(10)).until(relay::isDriven);
        assertThat(relay.isHigh()).isTrue();

        airCelsius.set(12.0);

        await().atMost(Duration.ofSeconds(10)).until(() -> !relay.isHigh());
        assertThat(gateway.alarm().state().sounding()).isTrue();
    }
}
