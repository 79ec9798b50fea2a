package org.coldwatch.server.ingest.broker;

import java.util.List;
import java.util.Optional;
import org.coldwatch.protocol.Topics;

/**
 * The server's subscriptions at an external broker, and who sent a message by its topic. Pure.
 *
 * <p>The server subscribes to every gateway's {@code telemetry}, {@code status}, {@code events} and {@code health}
 * through a shared subscription ({@code $share/<group>/coldwatch/v1/gw/+/<channel>}), so the broker hands each
 * message to one instance of the group. It never subscribes to {@code config}, which it publishes itself.
 */
public final class BrokerTopics {
    private static final List<Topics.Channel> CHANNELS = List.of(Topics.Channel.TELEMETRY, Topics.Channel.STATUS,
            Topics.Channel.EVENTS, Topics.Channel.HEALTH);

    private BrokerTopics() {
    }

    /** The shared topic filters of {@code group}, one per channel gateways publish on. */
    public static List<String> sharedFilters(String group) {
        return CHANNELS.stream().map(c -> "$share/" + group + "/" + Topics.PREFIX + "+/" + c.segment()).toList();
    }

    /**
     * The gateway a message is from: the topic level after {@link Topics#PREFIX}. The broker authenticates gateways
     * and its ACL lets each publish only under its own id, so the topic names the sender.
     *
     * @return empty if the topic is not under {@link Topics#PREFIX} at all
     */
    public static Optional<String> sender(String topic) {
        if (topic == null || !topic.startsWith(Topics.PREFIX)) {
            return Optional.empty();
        }
        String rest = topic.substring(Topics.PREFIX.length());
        int slash = rest.indexOf('/');
        return slash <= 0 ? Optional.empty() : Optional.of(rest.substring(0, slash));
    }
}
