package org.coldwatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.coldwatch.server.fleet.GatewayRecord;
import org.coldwatch.server.fleet.Secrets;
import org.junit.jupiter.api.Test;

class ConnectAuthenticatorTest {
    static final String SECRET = Secrets.newSecret();
    static final Optional<GatewayRecord> GW1 = Optional.of(new GatewayRecord("gw-1", "s", Secrets.hash(SECRET)));

    @Test
    void acceptsTheRightSecretWithMatchingClientId() {
        assertThat(ConnectAuthenticator.check("gw-1", "gw-1", SECRET, GW1)).isEmpty();
    }

    @Test
    void refusesAnUnknownGateway() {
        assertThat(ConnectAuthenticator.check("gw-9", "gw-9", SECRET, Optional.empty()))
                .hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_GATEWAY));
        assertThat(ConnectAuthenticator.check("x", null, null, Optional.empty()))
                .hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_GATEWAY));
    }

    @Test
    void refusesAWrongOrMissingSecret() {
        assertThat(ConnectAuthenticator.check("gw-1", "gw-1", SECRET + "x", GW1))
                .hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(RejectReason.BAD_SECRET));
        assertThat(ConnectAuthenticator.check("gw-1", "gw-1", null, GW1))
                .hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(RejectReason.BAD_SECRET));
    }

    @Test
    void refusesAClientIdThatIsNotTheGatewayId() {
        assertThat(ConnectAuthenticator.check("other", "gw-1", SECRET, GW1))
                .hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(RejectReason.CLIENT_ID_MISMATCH));
    }

    @Test
    void secretsAreLongRandomAndStoredOnlyAsHash() {
        String a = Secrets.newSecret();
        assertThat(a).hasSize(43).isNotEqualTo(Secrets.newSecret());
        assertThat(Secrets.hash(a)).hasSize(64).doesNotContain(a);
        assertThat(Secrets.matches(a, Secrets.hash(a))).isTrue();
    }
}
