package org.coldwatch.protocol.health;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
 * @param outbox                 the outbox's disk budget; empty from gateways that do not report it
 * @param sensorFaults           configured sensors whose last read failed, with why (at most {@link #MAX_FAULTS})
 */
public record GatewayHealth(String gatewayId, Instant reportedAt, long uptimeSeconds, long outboxDepth,
                            Optional<Long> oldestUnsentAgeSeconds, Optional<Long> diskFreeBytes,
                            Optional<Double> cpuTemperatureCelsius, long heapUsedBytes, long heapMaxBytes,
                            long reconnects, int failingSources, Optional<Long> settingsVersion,
                            Optional<Refusal> settingsRefusal, Alarm alarm, Optional<Outbox> outbox,
                            List<SensorFault> sensorFaults) {

    /** Largest health payload accepted, in bytes (16 KiB). */
    public static final int MAX_BYTES = 16 * 1024;
    /** Most active alarms listed in one report. */
    public static final int MAX_ACTIVE_ALARMS = 64;

    /** Most sensor faults listed in one report. */
    public static final int MAX_FAULTS = 64;

    public GatewayHealth {
        Objects.requireNonNull(gatewayId, "gatewayId");
        Objects.requireNonNull(reportedAt, "reportedAt");
        Objects.requireNonNull(alarm, "alarm");
        Objects.requireNonNull(outbox, "outbox");
        sensorFaults = List.copyOf(sensorFaults);
    }

    /** A report without outbox budget and sensor faults (as gateways before contract 1.2 send it). */
    public GatewayHealth(String gatewayId, Instant reportedAt, long uptimeSeconds, long outboxDepth,
                         Optional<Long> oldestUnsentAgeSeconds, Optional<Long> diskFreeBytes,
                         Optional<Double> cpuTemperatureCelsius, long heapUsedBytes, long heapMaxBytes,
                         long reconnects, int failingSources, Optional<Long> settingsVersion,
                         Optional<Refusal> settingsRefusal, Alarm alarm) {
        this(gatewayId, reportedAt, uptimeSeconds, outboxDepth, oldestUnsentAgeSeconds, diskFreeBytes,
                cpuTemperatureCelsius, heapUsedBytes, heapMaxBytes, reconnects, failingSources, settingsVersion,
                settingsRefusal, alarm, Optional.empty(), List.of());
    }

    /**
     * The outbox's disk budget: the operator and the server learn from here that it is filling up.
     *
     * @param state          {@code ok}, {@code near-full} or {@code full}
     * @param bytesUsed      bytes of the outbox file in use
     * @param budgetBytes    the configured budget ({@code outbox.maxBytes})
     * @param thinned        readings removed by the {@code thin-oldest} policy so far
     * @param refused        readings refused by the {@code refuse-new} policy (or a full disk) since start
     * @param diskFullErrors times the disk itself was full since start
     */
    public record Outbox(String state, long bytesUsed, long budgetBytes, long thinned, long refused,
                         long diskFullErrors) {
        /** The states a gateway reports. */
        public static final Set<String> STATES = Set.of("ok", "near-full", "full");
    }

    /**
     * A configured sensor whose last read failed.
     *
     * @param sensorId the sensor's id
     * @param state    {@code missing}, {@code crc}, {@code stuck} or {@code implausible}
     */
    public record SensorFault(String sensorId, String state) {
        /** The fault states a gateway reports. */
        public static final Set<String> STATES = Set.of("missing", "crc", "stuck", "implausible");
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
