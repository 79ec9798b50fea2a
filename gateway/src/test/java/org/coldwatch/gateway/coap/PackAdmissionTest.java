package org.coldwatch.gateway.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.coldwatch.gateway.coap.Admission.Admitted;
import org.coldwatch.gateway.coap.Admission.Refused;
import org.coldwatch.gateway.config.CoapNode;
import org.coldwatch.gateway.config.CoapSettings;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.senml.NodeQuantity;
import org.junit.jupiter.api.Test;

/** The admission rules as plain logic: no socket, no database. */
class PackAdmissionTest {
    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private static final long NOW_SECONDS = NOW.getEpochSecond();

    private final PackAdmission admission = new PackAdmission(CoapSettings.loopback(
            CoapNode.of("node-1").withSensor("weight", "room-1.scale"),
            CoapNode.of("node-2").withPsk("node-two-secret-key")));

    private Admission admit(String json, Optional<String> identity) {
        return admission.admit(json.getBytes(StandardCharsets.UTF_8), 110, identity, NOW);
    }

    private static String pack(String node, long baseTime) {
        return "[{\"bn\":\"" + node + "/\",\"bt\":" + baseTime + ",\"n\":\"weight\",\"u\":\"kg\",\"v\":812.5},"
                + "{\"n\":\"battery-level\",\"u\":\"/\",\"v\":0.4}]";
    }

    @Test
    void admitsAKnownNodesPackWithMappedSensorIdsAndHealthApart() {
        Admission result = admit(pack("node-1", NOW_SECONDS), Optional.empty());

        assertThat(result).isInstanceOfSatisfying(Admitted.class, admitted -> {
            assertThat(admitted.nodeId()).isEqualTo("node-1");
            assertThat(admitted.readings()).containsExactly(
                    Reading.of("room-1.scale", ReadingKind.WEIGHT, 812.5, NOW));
            assertThat(admitted.health()).singleElement()
                    .satisfies(h -> assertThat(h.quantity()).isEqualTo(NodeQuantity.BATTERY_LEVEL));
        });
    }

    @Test
    void admitsAKeyedNodeUnderItsOwnDtlsIdentity() {
        assertThat(admit(pack("node-2", NOW_SECONDS), Optional.of("node-2"))).isInstanceOf(Admitted.class);
    }

    @Test
    void refusesAKeyedNodeWithoutDtlsAsUnauthorized() {
        assertThat(admit(pack("node-2", NOW_SECONDS), Optional.empty()))
                .isEqualTo(new Refused("dtls_required", CoapCodes.UNAUTHORIZED, "dtls_required: node 'node-2' has a"
                        + " pre-shared key and must post over coaps (DTLS), not plain coap"));
    }

    @Test
    void refusesAPackUnderAnotherNodesIdentityBeforeLookingTheNodeUp() {
        Admission result = admit(pack("node-1", NOW_SECONDS), Optional.of("node-2"));

        assertThat(result).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(PackAdmission.IDENTITY_MISMATCH);
            assertThat(r.coapCode()).isEqualTo(CoapCodes.FORBIDDEN);
        });
    }

    @Test
    void acceptsTimesUpToFiveMinutesAheadAndAsksToRetryOneSecondMore() {
        assertThat(admit(pack("node-1", NOW_SECONDS + 300), Optional.empty())).isInstanceOf(Admitted.class);
        assertThat(admit(pack("node-1", NOW_SECONDS + 301), Optional.empty()))
                .isEqualTo(new Refused("time_ahead", CoapCodes.SERVICE_UNAVAILABLE, "time_ahead: measurement time"
                        + " 2026-11-23T08:05:01Z is more than 5 minutes ahead of the gateway clock 2026-11-23T08:00:00Z;"
                        + " retry later (the gateway's clock may not be synchronised yet) and check the node's clock"));
    }

    @Test
    void acceptsTimes180DaysOldAndRefusesOneSecondMore() {
        long limit = NOW_SECONDS - 180L * 86_400;

        assertThat(admit(pack("node-1", limit), Optional.empty())).isInstanceOf(Admitted.class);
        assertThat(admit(pack("node-1", limit - 1), Optional.empty()))
                .isInstanceOfSatisfying(Refused.class, r -> {
                    assertThat(r.reason()).isEqualTo(PackAdmission.TIME_TOO_OLD);
                    assertThat(r.coapCode()).isEqualTo(CoapCodes.BAD_REQUEST);
                    assertThat(r.diagnostic()).contains("more than 180 days behind");
                });
    }

    @Test
    void refusesBySizeBeforeDecoding() {
        PackAdmission small = new PackAdmission(CoapSettings.loopback(CoapNode.of("node-1")).withMaxPayloadBytes(64));

        Admission result = small.admit(new byte[65], 110, Optional.empty(), NOW);

        assertThat(result).isEqualTo(new Refused("pack_too_large", CoapCodes.REQUEST_ENTITY_TOO_LARGE,
                "pack_too_large: pack is 65 bytes; the limit is 64"));
    }

    @Test
    void codesReadAsTheyAreWritten() {
        assertThat(CoapCodes.text(CoapCodes.CHANGED)).isEqualTo("2.04");
        assertThat(CoapCodes.text(CoapCodes.REQUEST_ENTITY_TOO_LARGE)).isEqualTo("4.13");
        assertThat(CoapCodes.text(CoapCodes.SERVICE_UNAVAILABLE)).isEqualTo("5.03");
    }
}
