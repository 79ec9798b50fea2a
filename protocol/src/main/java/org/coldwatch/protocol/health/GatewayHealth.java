package org.coldwatch.protocol.health;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A gateway's periodic health report on its {@code health} topic: how long it has run, how much waits in its outbox
 * and for how long, disk, CPU temperature, memory, link churn, which settings version it runs, and its local alarm.
 * Optional figures are empty where the gateway cannot know them (no thermal zone, no settings received yet).
 *
 * @param gatewayId              the reporting gateway
 * @param reportedAt             the gateway's clock when it made the report
 * @param uptimeSeconds          seconds since the gateway process started
 * @param outboxDepth            readings not yet acknowledged by the server
 * @param oldestUnsentAgeSeconds age of the oldest of them; empty when the outbox is empty
 * @param diskFreeBytes          usable bytes on the outbox's file system; empty if unknown
 * @param cpuTemperatureCelsius  SoC temperature; empty without a thermal zone
 * @param heapUsedBytes          JVM heap in use
 * @param heapMaxBytes           JVM heap limit
 * @param reconnects             uplink connections after the first one since start
 * @param failingSources         sensor sources whose last read failed
 * @param settingsVersion        the settings version applied; empty while running on the config file alone
 * @param settingsRefusal        the last settings version refused, and why; empty if none was refused
 * @param alarm                  the local alarm's state
 */
public record GatewayHealth(String gatewayId, Instant reportedAt, long uptimeSeconds, long outboxDepth,
                            Optional<Long> oldestUnsentAgeSeconds, Optional<Long> diskFreeBytes,
                            Optional<Double> cpuTemperatureCelsius, long heapUsedBytes, long heapMaxBytes,
                            long reconnects, int failingSources, Optional<Long> settingsVersion,
                            Optional<Refusal> settingsRefusal, Alarm alarm) {

    /** Largest health payload accepted, in bytes (16 KiB). */
    public static final int MAX_BYTES = 16 * 1024;
    /** Most active alarms listed in one report. */
    public static final int MAX_ACTIVE_ALARMS = 64;

    public GatewayHealth {
        Objects.requireNonNull(gatewayId, "gatewayId");
        Objects.requireNonNull(reportedAt, "reportedAt");
        Objects.requireNonNull(alarm, "alarm");
    }

    /**
     * A settings version the gateway would not apply.
     *
     * @param version the refused version
     * @param reason  why, naming the field
     */
    public record Refusal(long version, String reason) {
    }

    /**
     * The local alarm.
     *
     * @param sounding whether the buzzer/relay is on now
     * @param active   alarms raised and not cleared (silenced ones included)
     */
    public record Alarm(boolean sounding, List<ActiveAlarm> active) {
        public Alarm {
            active = List.copyOf(active);
        }

        /** No alarm at all. */
        public static Alarm quiet() {
            return new Alarm(false, List.of());
        }
    }

    /**
     * One raised alarm.
     *
     * @param ruleId    the rule that raised it
     * @param sensorId  the sensor concerned
     * @param condition {@code above}, {@code below} or {@code no_data}
     * @param since     when it was raised
     * @param silenced  whether the silence button acknowledged it
     */
    public record ActiveAlarm(String ruleId, String sensorId, String condition, Instant since, boolean silenced) {
    }
}
