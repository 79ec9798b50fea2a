package org.coldwatch.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.coldwatch.server.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code coldwatch-server set-settings} against a real server process. */
class SetSettingsCommandIT {
    @TempDir
    Path dir;

    @Test
    void sendsSettingsThroughTheRunningServerAndExitsTwoWhenRefused() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir.resolve("server"))) {
            server.register("store-cli", "gw-cli");
            Path good = Files.writeString(dir.resolve("good.json"), "{\"samplingIntervalMillis\": 30000}");
            Path bad = Files.writeString(dir.resolve("bad.json"), "{\"samplingIntervalMillis\": 1}");
            String url = "http://127.0.0.1:" + server.httpPort();

            int ok = new CommandLine(new SetSettingsCommand()).execute("--server", url, "--gateway", "gw-cli",
                    "--file", good.toString());
            int refused = new CommandLine(new SetSettingsCommand()).execute("--server", url, "--gateway", "gw-cli",
                    "--file", bad.toString());

            assertThat(ok).isZero();
            assertThat(refused).isEqualTo(2);
            JsonObject settings = new JsonObject(server.get("/api/gateways/gw-cli/settings"));
            assertThat(settings.getLong("desiredVersion")).isEqualTo(1L);
            assertThat(settings.getJsonObject("desired").getLong("samplingIntervalMillis")).isEqualTo(30_000L);
        }
    }
}
