package org.coldwatch.server.ingest.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BrokerTopicsTest {

    @Test
    void subscribesToEveryGatewayChannelButConfigThroughTheGroupsSharedSubscription() {
        assertThat(BrokerTopics.sharedFilters("county")).containsExactly(
                "$share/county/coldwatch/v1/gw/+/telemetry", "$share/county/coldwatch/v1/gw/+/status",
                "$share/county/coldwatch/v1/gw/+/events", "$share/county/coldwatch/v1/gw/+/health");
    }

    @Test
    void theSenderIsTheTopicLevelAfterThePrefix() {
        assertThat(BrokerTopics.sender("coldwatch/v1/gw/gw-lijiacun-01/telemetry")).contains("gw-lijiacun-01");
        assertThat(BrokerTopics.sender("coldwatch/v1/gw/bad id/health")).contains("bad id");
        assertThat(BrokerTopics.sender("coldwatch/v1/gw//telemetry")).isEmpty();
        assertThat(BrokerTopics.sender("other/v1/gw/x/telemetry")).isEmpty();
        assertThat(BrokerTopics.sender("coldwatch/v1/gw/x")).isEmpty();
    }
}
