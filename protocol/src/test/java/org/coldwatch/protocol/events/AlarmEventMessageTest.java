package org.coldwatch.protocol.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.coldwatch.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

class AlarmEventMessageTest {
    private static final AlarmEventMessage RAISED = new AlarmEventMessage("raised", "too-warm", "air-return", "above",
            Optional.of(9.5), Instant.ofEpochMilli(1796263200000L));

    @Test
    void decodesTheGoldenSampleAndRoundTrips() throws Exception {
        byte[] sample;
        try (InputStream in = getClass().getResourceAsStream("/samples/event-alarm-raised.json")) {
            sample = in.readAllBytes();
        }
        assertThat(AlarmEventMessage.decode(sample)).isEqualTo(RAISED);
        assertThat(AlarmEventMessage.decode(RAISED.encode())).isEqualTo(RAISED);
        AlarmEventMessage silenced = new AlarmEventMessage("silenced", "r", "s", "no_data", Optional.empty(),
                Instant.EPOCH);
        assertThat(AlarmEventMessage.decode(silenced.encode())).isEqualTo(silenced);
    }

    @Test
    void refusesAnUnknownEvent() {
        assertThatThrownBy(() -> AlarmEventMessage.decode(("{\"type\":\"alarm\",\"event\":\"exploded\"}")
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("event: expected raised, cleared, silenced or resounded, was 'exploded'");
    }
}
