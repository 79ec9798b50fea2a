package org.coldwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.coldwatch.gateway.app.Gateway;
import org.coldwatch.gateway.config.GatewayConfig;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.server.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A technician's provisioning, end to end with the real commands: the administrator issues a one-time code with
 * {@code coldwatch-server issue-code}; {@code coldwatch-gateway provision} exchanges it for credentials written
 * beside a configuration that holds no identity; the gateway then runs on that configuration and its readings are
 * stored. The code works once, and existing credentials are not overwritten by accident.
 */
class ProvisioningIT {
    @TempDir
    Path dir;

    @Test
    void aGatewayProvisionedWithAOneTimeCodeSendsReadings() throws Exception {
        ServerProcess server = ServerProcess.start(dir.resolve("server"));
        try {
            String code = server.issueCode("store-zhaojia", "gw-zhaojia-01");
            Path config = Files.writeString(dir.resolve("gateway.yaml"), "outbox:\n  path: "
                    + dir.resolve("outbox.db") + "\nuplink:\n  backoffInitialMillis: 100\n");

            Result provisioned = gatewayCli("provision", "--config", config.toString(), "--server", server.httpUri(),
                    "--code", code.toLowerCase());

            assertThat(provisioned.exitCode()).as(provisioned.output()).isZero();
            assertThat(provisioned.output()).contains("provisioned as gw-zhaojia-01");
            Path credentials = dir.resolve("credentials.yaml");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)))
                    .isEqualTo("rw-------");
            GatewayConfig loaded = GatewayConfig.load(config, Map.of());
            assertThat(loaded.gateway().id()).isEqualTo("gw-zhaojia-01");
            assertThat(loaded.uplink().serverUri()).isEqualTo(server.mqttUri());

            try (Gateway gateway = Gateway.start(loaded, List.of(), Clock.systemUTC())) {
                List<Reading> readings = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    readings.add(Reading.of("air", ReadingKind.TEMPERATURE, 1.0 + i / 10.0,
                            Instant.now().minusSeconds(60 - i)));
                }
                gateway.outbox().append(readings);
                await().atMost(Duration.ofSeconds(30)).until(() -> gateway.outboxDepth() == 0);
            }
            JsonObject tally = new JsonObject(server.get("/api/gateways/gw-zhaojia-01/tally"));
            assertThat(tally.getLong("readings")).isEqualTo(20);

            Result again = gatewayCli("provision", "--config", config.toString(), "--server", server.httpUri(),
                    "--code", code, "--force");
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.output()).contains("already used");

            Result noForce = gatewayCli("provision", "--config", config.toString(), "--server", server.httpUri(),
                    "--code", server.issueCode("store-zhaojia", "gw-zhaojia-01"));
            assertThat(noForce.exitCode()).isEqualTo(2);
            assertThat(noForce.output()).contains("already provisioned");
            assertThat(GatewayConfig.load(config, Map.of()).gateway().secret())
                    .as("refused runs leave the credentials alone").isEqualTo(loaded.gateway().secret());
        } finally {
            server.close();
        }
    }

    @Test
    void aMissingServiceUserStopsBeforeTheCodeIsSpent() throws Exception {
        Path config = Files.writeString(dir.resolve("gateway.yaml"), "outbox:\n  path: " + dir.resolve("o.db") + "\n");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-Duser.name=root",
                "-cp", System.getProperty("java.class.path"), "org.coldwatch.gateway.cli.GatewayCli", "provision",
                "--config", config.toString(), "--server", "http://127.0.0.1:" + ServerProcess.freePort(),
                "--code", "7KQM-2XPD-9TAE", "--owner", "no-such-user-coldwatch"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("no-such-user-coldwatch").contains("the code was not used");
    }

    @Test
    void anUnreachableServerIsReportedPlainly() throws Exception {
        Path config = Files.writeString(dir.resolve("gateway.yaml"), "outbox:\n  path: " + dir.resolve("o.db") + "\n");

        Result result = gatewayCli("provision", "--config", config.toString(), "--server",
                "http://127.0.0.1:" + ServerProcess.freePort(), "--code", "7KQM-2XPD-9TAE");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("cannot connect to");
        assertThat(dir.resolve("credentials.yaml")).doesNotExist();
    }

    record Result(int exitCode, String output) {
    }

    /** Runs {@code coldwatch-gateway ARGS} as its own process, as a technician would. */
    static Result gatewayCli(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), "org.coldwatch.gateway.cli.GatewayCli"));
        command.addAll(List.of(arguments));
        if (arguments[0].equals("provision")) {
            command.addAll(List.of("--owner", "-"));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("coldwatch-gateway did not finish:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }
}
