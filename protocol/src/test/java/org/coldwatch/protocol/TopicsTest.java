package org.coldwatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.coldwatch.protocol.Topics.Address;
import org.coldwatch.protocol.Topics.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

    @Test
    void buildsAndParsesEveryChannel() {
        for (Channel channel : Channel.values()) {
            String topic = Topics.of("gw-7", channel);
            assertThat(Topics.parse(topic)).contains(new Address("gw-7", channel));
        }
        assertThat(Topics.telemetry("gw-7")).isEqualTo("coldwatch/v1/gw/gw-7/telemetry");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "coldwatch/v2/gw/gw-7/telemetry", "coldwatch/v1/gw/gw-7", "coldwatch/v1/gw/gw-7/foo",
        "coldwatch/v1/gw/+/telemetry", "coldwatch/v1/gw/gw-7/telemetry/extra", "coldwatch/v1/gw//telemetry"})
    void refusesTopicsThatAreNotOurs(String topic) {
        assertThat(Topics.parse(topic)).isEmpty();
    }
}
