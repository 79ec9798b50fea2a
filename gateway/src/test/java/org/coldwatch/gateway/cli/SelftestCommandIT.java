package org.coldwatch.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coldwatch.protocol.testing.MosquittoBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code selftest} on a simulated room, with the uplink checked against a real Mosquitto. */
class SelftestCommandIT {
    @TempDir
    Path dir;

    private SimulatedRoom room;

    @BeforeEach
    void wire() {
        room = new SimulatedRoom(dir);
    }

    @AfterEach
    void unwire() {
        room.close();
    }

    private static String line(String out, String check) {
        return out.lines().filter(l -> l.startsWith(check + " ")).findFirst().orElseThrow(
                () -> new AssertionError("no line for " + check + " in\n" + out));
    }

    @Test
    void passesWhenEverySensorAndTheUplinkWork() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            SimulatedRoom.Run run = SimulatedRoom.execute("selftest", "-c", room.config(broker.uri()).toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(line(run.out(), "room1-air")).contains("sht3x", "PASS", "3/3", "Cel", "91 %RH");
            assertThat(line(run.out(), "room1-core")).contains("ds18b20", "PASS", "3/3", "1.25 Cel");
            assertThat(line(run.out(), "room1-shelf")).contains("hx711", "PASS", "3/3", " kg");
            assertThat(line(run.out(), "room1-door")).contains("door-contact", "PASS", "open");
            assertThat(line(run.out(), "uplink")).contains("PASS", "connected as gw-room-1");
            assertThat(run.out()).contains("RESULT: PASS (5 checks)");
        }
    }

    @Test
    void deepChecksTheSht3xHeater() throws Exception {
        SimulatedRoom.Run run = SimulatedRoom.execute("selftest", "-c", room.config("tcp://127.0.0.1:1").toString(),
                "--skip-uplink", "--deep", "--reads", "1");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        String heater = line(run.out(), "room1-air/heater");
        assertThat(heater).contains("sht3x", "PASS");
        // firmware-sim's heater adds 3 °C; the room's air flickers by up to 0.05 °C between the two reads
        Matcher rise = Pattern.compile("\\+(\\d+\\.\\d+) Cel").matcher(heater);
        assertThat(rise.find()).as(heater).isTrue();
        assertThat(Double.parseDouble(rise.group(1))).isCloseTo(3.0, within(0.06));
        assertThat(run.out()).contains("RESULT: PASS (5 checks)");
    }

    @Test
    void failsOnAMissingSensorAndCrcErrorsAndNamesThem() throws Exception {
        room.sht.missing(true);
        room.core.corruptNextReads(1);
        room.oneWire.update();
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            SimulatedRoom.Run run = SimulatedRoom.execute("selftest", "-c", room.config(broker.uri()).toString());

            assertThat(run.exitCode()).isEqualTo(SelftestCommand.EXIT_FAILED);
            assertThat(line(run.out(), "room1-air")).contains("FAIL", "0/3", "missing ×3", "0x44");
            assertThat(line(run.out(), "room1-core")).contains("FAIL", "0/3", "crc ×3", "CRC check failed");
            assertThat(line(run.out(), "room1-shelf")).contains("PASS");
            assertThat(line(run.out(), "uplink")).contains("PASS");
            assertThat(run.out()).contains("RESULT: FAIL (2 of 5 checks failed)");
        }
    }

    @Test
    void failsWhenTheServerCannotBeReached() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SimulatedRoom.Run run = SimulatedRoom.execute("selftest", "-c",
                room.config("tcp://127.0.0.1:" + closedPort).toString(), "--uplink-timeout-seconds", "2");

        assertThat(run.exitCode()).isEqualTo(SelftestCommand.EXIT_FAILED);
        assertThat(line(run.out(), "uplink")).contains("FAIL", "tcp://127.0.0.1:" + closedPort);
        assertThat(run.out()).contains("RESULT: FAIL (1 of 5 checks failed)");
    }

    @Test
    void aBadSensorParameterIsAConfigurationError() throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), """
                gateway: {id: gw-1, secret: s}
                sensors:
                  - {id: shelf, kind: hx711, clockPin: 5, dataPin: 5, kgPerCount: 0.001}
                """);

        SimulatedRoom.Run run = SimulatedRoom.execute("selftest", "-c", dir.resolve("bad.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(GatewayCli.EXIT_CONFIG);
        assertThat(run.err()).contains("sensors[0].dataPin: must differ from clockPin");
    }
}
