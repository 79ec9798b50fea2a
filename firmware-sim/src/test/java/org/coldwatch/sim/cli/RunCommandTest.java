package org.coldwatch.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.sim.coap.SenmlReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code firmware-sim run} and {@code scenarios}, through picocli as a user calls them. */
class RunCommandTest {
    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = FirmwareSimCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void scenariosListsEveryBuiltInScenarioWithItsTitle() {
        Result r = cli("scenarios");
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines()).hasSize(10);
        assertThat(r.out()).contains("humidifier-failure", "Humidifier failure");
    }

    @Test
    void runWritesOneCsvLinePerReadingAndNamesTheEventsAtTheEnd() throws Exception {
        Path csv = dir.resolve("power-cut.csv");
        Result r = cli("run", "power-cut", "--speed", "max", "--every", "PT1H", "--target", "csv:" + csv);
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        // 73 moments (72 h, hourly, both ends) × 8 channels of the apple store
        assertThat(lines).hasSize(1 + 73 * 8);
        assertThat(lines.get(0)).isEqualTo("time,sensor,kind,value,unit");
        assertThat(lines).anyMatch(l -> l.contains(",scale-apples,weight,") && l.endsWith(",kg"));
        assertThat(r.err()).contains("power-cut for PT12H", "584 readings written");
    }

    @Test
    void runKeepsDs18b20FilesInAOneWireFolder() throws Exception {
        Result r = cli("run", "normal-week", "--speed", "max", "--duration", "PT2H", "--target",
                "onewire:" + dir.resolve("w1"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(dir.resolve("w1").resolve("28-00000a1b2c02").resolve("w1_slave")))
                .contains("YES", "t=");
    }

    @Test
    void runPostsTheCoapNodesReadingsAsSenmlToAGateway() {
        try (SenmlReceiver gateway = SenmlReceiver.plain(Clock.systemUTC())) {
            Result r = cli("run", "normal-week", "--speed", "max", "--duration", "PT1H", "--every", "PT10M",
                    "--target", gateway.uri().toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(gateway.packs()).hasSize(7);
            assertThat(gateway.packs()).allSatisfy(p -> {
                assertThat(p.report().nodeId()).isEqualTo("node-middle");
                assertThat(p.report().readings()).extracting(reading -> reading.kind())
                        .contains(ReadingKind.TEMPERATURE, ReadingKind.HUMIDITY);
            });
        }
    }

    @Test
    void anUnknownScenarioFailsWithTheKnownNames() {
        Result r = cli("run", "earthquake", "--speed", "max");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("earthquake", "normal-week").doesNotContain("Exception", "\tat ");
    }
}
