package org.coldwatch.protocol;

import java.util.Optional;

/**
 * The versioned MQTT topic namespace: {@code coldwatch/v1/gw/<gatewayId>/<channel>}.
 *
 * <p>The major version is part of the topic, so a receiver can serve two incompatible versions side by side during a
 * migration. Gateways publish on {@code telemetry}, {@code status}, {@code events} and {@code health}; the server publishes on
 * {@code config}. A gateway may publish and subscribe only under its own id.
 */
public final class Topics {
    /** The prefix every v1 topic starts with. */
    public static final String PREFIX = "coldwatch/v1/gw/";

    /** The channels under a gateway's topic. */
    public enum Channel {
        /** Telemetry batches, gateway to server, QoS 1. */
        TELEMETRY("telemetry"),
        /** Gateway state, retained; the last will publishes "offline" here. */
        STATUS("status"),
        /** Discrete events (door opened, local alarm, sensor fault), gateway to server, QoS 1. */
        EVENTS("events"),
        /** Configuration, server to gateway, QoS 1, retained. */
        CONFIG("config"),
        /** Periodic health reports, gateway to server, QoS 1, not retained. */
        HEALTH("health");

        private final String segment;

        Channel(String segment) {
            this.segment = segment;
        }

        /** The last topic segment, e.g. {@code telemetry}. */
        public String segment() {
            return segment;
        }
    }

    /** A parsed topic. */
    public record Address(String gatewayId, Channel channel) {
    }

    private Topics() {
    }

    /** The topic of {@code channel} for {@code gatewayId}. */
    public static String of(String gatewayId, Channel channel) {
        return PREFIX + gatewayId + "/" + channel.segment();
    }

    /** The telemetry topic of a gateway. */
    public static String telemetry(String gatewayId) {
        return of(gatewayId, Channel.TELEMETRY);
    }

    /** The status topic of a gateway. */
    public static String status(String gatewayId) {
        return of(gatewayId, Channel.STATUS);
    }

    /** The events topic of a gateway. */
    public static String events(String gatewayId) {
        return of(gatewayId, Channel.EVENTS);
    }

    /** The config topic of a gateway. */
    public static String config(String gatewayId) {
        return of(gatewayId, Channel.CONFIG);
    }

    /** The health topic of a gateway. */
    public static String health(String gatewayId) {
        return of(gatewayId, Channel.HEALTH);
    }

    /** Parses a v1 topic; empty if the topic is not one of ours (wrong prefix, bad id, unknown channel). */
    public static Optional<Address> parse(String topic) {
        if (topic == null || !topic.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = topic.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String gatewayId = rest.substring(0, slash);
        String segment = rest.substring(slash + 1);
        if (!Limits.isValidId(gatewayId)) {
            return Optional.empty();
        }
        for (Channel channel : Channel.values()) {
            if (channel.segment.equals(segment)) {
                return Optional.of(new Address(gatewayId, channel));
            }
        }
        return Optional.empty();
    }
}
