package org.coldwatch.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FleetCommandTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    FleetOptions parse(String... args) throws Exception {
        FleetCommand command = new FleetCommand();
        new CommandLine(command).parseArgs(args);
        return command.options(CLOCK);
    }

    @Test
    void takesTheFirstGatewaysOfTheCredentialsFile() throws Exception {
        Path file = Files.writeString(dir.resolve("creds.csv"), "gw-1,a\ngw-2,b\ngw-3,c\n");

        FleetOptions options = parse("--target", "tcp://127.0.0.1:1883", "--credentials", file.toString(),
                "--gateways", "2", "--rate", "1000", "--readings-per-message", "50", "--duration", "30s");

        assertThat(options.credentials()).extracting(GatewayCredentials::gatewayId).containsExactly("gw-1", "gw-2");
        assertThat(options.intervalNanos()).as("2 gateways × 50 readings at 1000 readings/s").isEqualTo(100_000_000L);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void connectsAnonymouslyWithoutACredentialsFile() throws Exception {
        FleetOptions options = parse("--target", "tcp://127.0.0.1:1883", "--gateways", "3", "--interval", "PT0.5S");

        assertThat(options.credentials()).allSatisfy(c -> assertThat(c.authenticated()).isFalse());
        assertThat(options.intervalNanos()).isEqualTo(500_000_000L);
    }

    @Test
    void refusesMoreGatewaysThanTheCredentialsFileHolds() throws Exception {
        Path file = Files.writeString(dir.resolve("creds.csv"), "gw-1,a\n");

        assertThatThrownBy(() -> parse("--target", "tcp://127.0.0.1:1883", "--credentials", file.toString(),
                "--gateways", "2")).hasMessageContaining("holds 1 gateways");
    }

    @Test
    void intervalAndRateExcludeEachOther() {
        assertThatThrownBy(() -> parse("--target", "tcp://h:1", "--gateways", "1", "--interval", "1s", "--rate",
                "5")).isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void aClockFirstSeqNeverRepeatsAcrossRunsASecondApart() {
        long now = FleetCommand.parseFirstSeq("clock", CLOCK);
        long later = FleetCommand.parseFirstSeq("clock", Clock.offset(CLOCK, Duration.ofSeconds(1)));

        assertThat(now).isEqualTo(1_795_420_800L * 1_000_000L);
        assertThat(later - now).isEqualTo(1_000_000L);
        assertThat(FleetCommand.parseFirstSeq("42", CLOCK)).isEqualTo(42);
        assertThatThrownBy(() -> FleetCommand.parseFirstSeq("soon", CLOCK)).hasMessageContaining("--first-seq");
    }

    @Test
    void readsShortAndIsoDurations() {
        FleetCommand.DurationConverter converter = new FleetCommand.DurationConverter();

        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("1.5s")).isEqualTo(Duration.ofMillis(1_500));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("PT10S")).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> converter.convert("soon")).hasMessageContaining("not a duration");
    }
}
