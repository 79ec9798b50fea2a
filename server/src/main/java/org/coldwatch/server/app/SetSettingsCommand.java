package org.coldwatch.server.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coldwatch-server set-settings}: sends a gateway's new settings to the running server, which validates them,
 * numbers the version, stores them and publishes them to the gateway. Goes through the HTTP API
 * ({@code PUT /api/gateways/{id}/settings}) so that a connected gateway gets them at once.
 */
@Command(name = "set-settings", description = "Send new settings (JSON without 'version': samplingIntervalMillis,"
        + " calibrations, alarmRules; see docs/protocol.md) to a gateway through the running server.")
final class SetSettingsCommand implements Callable<Integer> {
    private static final int EXIT_REFUSED = 2;

    @Option(names = "--server", defaultValue = "http://127.0.0.1:8080",
            description = "the server's HTTP address (default: ${DEFAULT-VALUE})")
    URI server;

    @Option(names = "--gateway", required = true, description = "gateway id")
    String gateway;

    @Option(names = "--file", required = true, description = "settings JSON file")
    Path file;

    @Override
    public Integer call() throws Exception {
        byte[] body;
        try {
            body = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/api/gateways/" + gateway + "/settings"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot reach " + server + ": " + e.getMessage());
        }
        if (response.statusCode() == 200) {
            System.out.println(response.body());
            return 0;
        }
        System.err.println("coldwatch-server: settings refused (HTTP " + response.statusCode() + "): "
                + response.body());
        return EXIT_REFUSED;
    }
}
