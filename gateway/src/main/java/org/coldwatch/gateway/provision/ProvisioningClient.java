package org.coldwatch.gateway.provision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.coldwatch.protocol.Limits;

/**
 * Exchanges a one-time provisioning code at the ColdWatch server's {@code POST /api/provision} (docs/api.md) for the
 * gateway's {@link Credentials}. Every way this can fail ends in a {@link ProvisioningException} whose message a
 * technician can act on: unreachable server, mistyped, used or expired code, throttling, or a server that does not
 * speak this API.
 */
public final class ProvisioningClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Village 4G links are slow; a provisioning answer is small. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;

    public ProvisioningClient() {
        http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Redeems {@code code} at {@code server} (the HTTP API's base address, e.g. {@code https://county.example}).
     *
     * @return the gateway's credentials; the code is used up
     * @throws ProvisioningException with an actionable message if the exchange failed
     */
    public Credentials exchange(URI server, String code) throws ProvisioningException, InterruptedException {
        URI endpoint = server.resolve("/api/provision");
        String body = JSON.createObjectNode().put("code", code).toString();
        HttpResponse<String> answer;
        try {
            answer = http.send(HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new ProvisioningException("cannot connect to " + server + " (is the address right, is the uplink"
                    + " up?)", e);
        } catch (HttpTimeoutException e) {
            throw new ProvisioningException("no answer from " + server + " within " + TIMEOUT.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new ProvisioningException("talking to " + server + " failed: " + e.getMessage(), e);
        }
        JsonNode json = parse(answer);
        return switch (answer.statusCode()) {
            case 200 -> credentials(json);
            case 403 -> throw new ProvisioningException("the server refused the code: " + text(json, "error"));
            case 429 -> throw new ProvisioningException("too many failed attempts; try again in "
                    + answer.headers().firstValue("Retry-After").orElse("a few minutes") + " s");
            case 400 -> throw new ProvisioningException("the server did not understand the request: "
                    + text(json, "error"));
            default -> throw new ProvisioningException(endpoint + " answered HTTP " + answer.statusCode()
                    + " (is this a ColdWatch server?)");
        };
    }

    private static JsonNode parse(HttpResponse<String> answer) throws ProvisioningException {
        try {
            return JSON.readTree(answer.body());
        } catch (JsonProcessingException e) {
            throw new ProvisioningException(answer.uri() + " answered HTTP " + answer.statusCode()
                    + " with something that is not JSON (is this a ColdWatch server?)", e);
        }
    }

    private static Credentials credentials(JsonNode json) throws ProvisioningException {
        Optional<String> id = Optional.ofNullable(json.path("gatewayId").textValue()).filter(Limits::isValidId);
        Optional<String> secret = Optional.ofNullable(json.path("secret").textValue()).filter(s -> !s.isEmpty());
        Optional<String> mqttUri = Optional.ofNullable(json.path("mqttUri").textValue())
                .filter(u -> u.startsWith("tcp://") || u.startsWith("ssl://"));
        if (id.isEmpty() || secret.isEmpty() || mqttUri.isEmpty()) {
            throw new ProvisioningException("the server's answer lacks a valid gatewayId, secret or mqttUri");
        }
        return new Credentials(id.get(), secret.get(), mqttUri.get());
    }

    private static String text(JsonNode json, String field) {
        return Optional.ofNullable(json.path(field).textValue()).orElse("(no reason given)");
    }
}
