package org.coldwatch.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.coldwatch.protocol.ReadingKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoapSettingsTest {
    private static final String IDENTITY = "gateway:\n  id: gw-7\n  secret: s\n";

    @TempDir
    Path dir;

    private GatewayConfig load(String coapSection) throws IOException {
        return GatewayConfig.load(Files.writeString(dir.resolve("gateway.yaml"), IDENTITY + coapSection), Map.of());
    }

    @Test
    void theShippedSampleStatesTheDefaults() throws URISyntaxException {
        Path sample = Path.of(CoapSettingsTest.class.getResource("/gateway.sample.yaml").toURI());

        CoapSettings coap = GatewayConfig.load(sample, Map.of()).coap();

        assertThat(coap).isEqualTo(CoapSettings.defaults());
        assertThat(coap.enabled()).isFalse();
        assertThat(coap.port()).isEqualTo(5683);
        assertThat(coap.dtlsPort()).isEqualTo(5684);
        assertThat(coap.maxPayloadBytes()).isEqualTo(1024);
    }

    @Test
    void aFileWithoutCoapSectionGetsTheDefaults() throws IOException {
        assertThat(load("").coap()).isEqualTo(CoapSettings.defaults());
    }

    @Test
    void loadsNodesWithKeysInEveryFormAndSensorIds() throws IOException {
        GatewayConfig config = load("""
                coap:
                  enabled: true
                  bind: 127.0.0.1
                  nodes:
                    - id: node-7
                      psk: hex:000102030405060708090a0b0c0d0e0f
                      sensors:
                        temperature: room-1.air
                    - id: node-8
                      psk: base64:AAECAwQFBgcICQoLDA0ODw==
                    - id: node-9
                      psk: lijiacun-secret-9!
                    - id: node-10
                """);

        CoapSettings coap = config.coap();
        assertThat(coap.enabled()).isTrue();
        assertThat(coap.bind()).isEqualTo("127.0.0.1");
        assertThat(coap.nodes()).extracting(CoapNode::id).containsExactly("node-7", "node-8", "node-9", "node-10");
        byte[] sixteen = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
        assertThat(coap.node("node-7").orElseThrow().pskBytes()).contains(sixteen);
        assertThat(coap.node("node-8").orElseThrow().pskBytes()).contains(sixteen);
        assertThat(coap.node("node-9").orElseThrow().pskBytes())
                .contains("lijiacun-secret-9!".getBytes(StandardCharsets.UTF_8));
        assertThat(coap.node("node-10").orElseThrow().hasPsk()).isFalse();
        assertThat(coap.node("node-7").orElseThrow().sensorId(ReadingKind.TEMPERATURE)).isEqualTo("room-1.air");
        assertThat(coap.node("node-7").orElseThrow().sensorId(ReadingKind.HUMIDITY)).isEqualTo("node-7");
        assertThat(coap.anyDtlsNode()).isTrue();
        assertThat(coap.node("node-7").orElseThrow().toString()).doesNotContain("000102");
    }

    @Test
    void namesEveryBadKey() throws IOException {
        assertThatThrownBy(() -> load("""
                coap:
                  bind: localhost
                  port: 70000
                  maxPayloadBytes: 2048
                  nodes:
                    - id: node-7
                      psk: short
                    - id: node-7
                      psk: hex:zz
                      sensors:
                        battery: node-7.battery
                    - id: "-bad"
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("coap.bind: must be an IPv4 or IPv6 address")
                .hasMessageContaining("coap.port: must be 0…65535, was 70000")
                .hasMessageContaining("coap.maxPayloadBytes: must be 64…1024, was 2048")
                .hasMessageContaining("coap.nodes[0].psk: the key must be 16…64 bytes, was 5")
                .hasMessageContaining("coap.nodes[1].psk: not valid hex")
                .hasMessageContaining("coap.nodes[1].sensors.battery: not a measured quantity")
                .hasMessageContaining("coap.nodes[1].id: node 'node-7' is listed twice")
                .hasMessageContaining("coap.nodes[2].id: must be 1-64 of");
    }

    @Test
    void refusesUnknownKeysInANodeEntry() throws IOException {
        assertThatThrownBy(() -> load("coap:\n  nodes:\n    - id: node-7\n      key: abc\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("coap.nodes.[0].key: unknown key");
    }

    @Test
    void refusesTheSamePortForBothEndpoints() {
        assertThatThrownBy(() -> new CoapSettings(true, "0.0.0.0", 5683, 5683, 1024, List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("coap.dtlsPort: must differ from coap.port, both were 5683");
    }

    @Test
    void takesIpv6AddressesAndRefusesMalformedOnes() {
        assertThat(new CoapSettings(true, "::", 5683, 5684, 1024, List.of()).bind()).isEqualTo("::");
        assertThat(new CoapSettings(true, "::1", 5683, 5684, 1024, List.of()).bind()).isEqualTo("::1");
        assertThatThrownBy(() -> new CoapSettings(true, "1:2:3", 5683, 5684, 1024, List.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("coap.bind: must be an IPv4 or IPv6 address");
        assertThatThrownBy(() -> new CoapSettings(true, "10.0.0.256", 5683, 5684, 1024, List.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("coap.bind");
    }
}
