package org.coldwatch.sim.onewire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ds18b20FolderTest {

    private static final RomId RETURN_AIR = RomId.ds18b20(0x0316A2795FFFL);
    private static final RomId DOOR = RomId.ds18b20(0x00000A1B2C3DL);

    @TempDir
    Path devices;

    private final AtomicReference<Double> celsius = new AtomicReference<>(23.125);
    private Ds18b20Folder folder;
    private Ds18b20Probe probe;

    @BeforeEach
    void putAProbeOnTheBus() {
        folder = new Ds18b20Folder(devices);
        probe = folder.add(new Ds18b20Probe(RETURN_AIR, celsius::get));
    }

    @AfterEach
    void stop() {
        folder.close();
    }

    private String read(Path file) throws IOException {
        return Files.readString(file);
    }

    private Path master() {
        return devices.resolve("w1_bus_master1");
    }

    @Test
    void anEmptyBusListsNotFound() throws IOException {
        Ds18b20Folder empty = new Ds18b20Folder(devices.resolve("empty"));

        assertThat(read(empty.root().resolve("w1_bus_master1/w1_master_slaves"))).isEqualTo("not found.\n");
        assertThat(read(empty.root().resolve("w1_bus_master1/w1_master_slave_count"))).isEqualTo("0\n");
    }

    @Test
    void writesTheKernelLayoutInBothViews() throws IOException {
        folder.update();

        String expected = """
                72 01 4b 46 7f ff 0e 10 57 : crc=57 YES
                72 01 4b 46 7f ff 0e 10 57 t=23125
                """;
        assertThat(read(devices.resolve("28-0316a2795fff/w1_slave"))).isEqualTo(expected);
        assertThat(read(master().resolve("28-0316a2795fff/w1_slave"))).isEqualTo(expected);
        assertThat(folder.slaveFile(RETURN_AIR)).isEqualTo(devices.resolve("28-0316a2795fff/w1_slave"));
        assertThat(read(devices.resolve("28-0316a2795fff/name"))).isEqualTo("28-0316a2795fff\n");
        assertThat(read(master().resolve("w1_master_slaves"))).isEqualTo("28-0316a2795fff\n");
        assertThat(read(master().resolve("w1_master_slave_count"))).isEqualTo("1\n");
    }

    @Test
    void followsTheTemperatureOnEachUpdate() throws IOException {
        folder.update();
        celsius.set(-1.5);
        folder.update();

        assertThat(read(folder.slaveFile(RETURN_AIR))).endsWith("t=-1500\n");
    }

    @Test
    void crcErrorSaysNoAndKeepsTheLastGoodBytes() throws IOException {
        folder.update();
        probe.faults().corruptNextReads(1);
        folder.update();

        String text = read(folder.slaveFile(RETURN_AIR));
        assertThat(text).startsWith("73 01 4b 46 7f ff 0e 10 57 : crc=").contains(" NO\n")
                .contains("72 01 4b 46 7f ff 0e 10 57 t=23187\n");
    }

    @Test
    void missingProbeDisappearsAndComesBackWithAFreshSlave() throws IOException {
        folder.add(new Ds18b20Probe(DOOR, () -> 2.0));
        folder.update();
        probe.faults().missing(true);
        folder.update();

        assertThat(devices.resolve("28-0316a2795fff")).doesNotExist();
        assertThat(master().resolve("28-0316a2795fff")).doesNotExist();
        assertThat(read(master().resolve("w1_master_slaves"))).isEqualTo("28-00000a1b2c3d\n");

        probe.faults().missing(false);
        probe.faults().corruptNextReads(1);
        folder.update();
        assertThat(read(folder.slaveFile(RETURN_AIR))).contains("00 00 00 00 00 00 00 00 00 t=");
        assertThat(read(master().resolve("w1_master_slave_count"))).isEqualTo("2\n");
    }

    @Test
    void aProbeThatDoesNotAnswerLeavesAnEmptyW1Slave() throws IOException {
        folder.update();
        probe.faults().failNextTransfers(1);
        folder.update();

        assertThat(read(folder.slaveFile(RETURN_AIR))).isEmpty();
        assertThat(read(master().resolve("w1_master_slaves"))).isEqualTo("28-0316a2795fff\n");
    }

    @Test
    void powerOnResetGlitchReads85000() throws IOException {
        probe.glitchNextReads(Ds18b20Glitch.POWER_ON_RESET, 1);
        folder.update();

        assertThat(read(folder.slaveFile(RETURN_AIR))).isEqualTo("""
                50 05 4b 46 7f ff 0c 10 1c : crc=1c YES
                50 05 4b 46 7f ff 0c 10 1c t=85000
                """);
        folder.update();
        assertThat(read(folder.slaveFile(RETURN_AIR))).endsWith("t=23125\n");
    }

    @Test
    void allZerosGlitchPassesTheCrcAsZeroDegrees() throws IOException {
        probe.glitchNextReads(Ds18b20Glitch.ALL_ZEROS, 1);
        folder.update();

        assertThat(read(folder.slaveFile(RETURN_AIR))).startsWith("00 00 00 00 00 00 00 00 00 : crc=00 YES\n")
                .endsWith("t=0\n");
    }

    @Test
    void stuckProbeRepeatsItsLastConversion() throws IOException {
        folder.update();
        probe.faults().stuck(true);
        celsius.set(8.0);
        folder.update();

        assertThat(read(folder.slaveFile(RETURN_AIR))).endsWith("t=23125\n");
    }

    @Test
    void removedProbeLeavesTheBusAtOnce() throws IOException {
        folder.update();
        folder.remove(RETURN_AIR);

        assertThat(devices.resolve("28-0316a2795fff")).doesNotExist();
        assertThat(read(master().resolve("w1_master_slaves"))).isEqualTo("not found.\n");
    }

    @Test
    void aReaderNeverSeesAHalfWrittenFile() throws Exception {
        folder.update();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        CompletableFuture<String> torn = CompletableFuture.supplyAsync(() -> {
            while (writing.get() || reads.get() < 100) {
                try {
                    String text = read(folder.slaveFile(RETURN_AIR));
                    reads.incrementAndGet();
                    if (!text.matches("(?s)([0-9a-f]{2} ){9}: crc=[0-9a-f]{2} YES\n([0-9a-f]{2} ){9}t=-?\\d+\n")) {
                        return text;
                    }
                } catch (NoSuchFileException e) {
                    return "file vanished";
                } catch (IOException e) {
                    return e.toString();
                }
            }
            return null;
        });
        for (int i = 0; i < 300; i++) {
            celsius.set(-20 + i * 0.1);
            folder.update();
        }
        writing.set(false);

        assertThat(torn.get()).isNull();
        assertThat(reads.get()).isGreaterThanOrEqualTo(100);
    }

    @Test
    void scheduledUpdaterRefreshesTheFiles() {
        folder.startUpdating(Duration.ofMillis(10));
        celsius.set(4.0625);

        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(folder.slaveFile(RETURN_AIR))
                && read(folder.slaveFile(RETURN_AIR)).endsWith("t=4062\n"));
    }
}
