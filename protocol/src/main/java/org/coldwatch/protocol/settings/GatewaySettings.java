package org.coldwatch.protocol.settings;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the server asks a gateway to run with, published retained on the gateway's {@code config} topic. The server
 * numbers each new version; the gateway applies a version as a whole or refuses it as a whole, and reports the
 * version it applied (or its refusal) in its health.
 *
 * @param version                the server's number for this version, increasing, at least 1
 * @param samplingIntervalMillis time between sampling rounds; empty keeps the gateway's file value
 * @param calibrations           sensor id → correction; sensors not listed are not corrected
 * @param alarmRules             the local alarm rules; replace the file's rules (an empty list means no rules)
 */
public record GatewaySettings(long version, Optional<Long> samplingIntervalMillis,
                              Map<String, Calibration> calibrations, List<AlarmRule> alarmRules) {

    /** Shortest sampling interval a gateway accepts, as in its config file. */
    public static final long MIN_SAMPLING_INTERVAL_MILLIS = 100;
    /** Longest sampling interval: one day. */
    public static final long MAX_SAMPLING_INTERVAL_MILLIS = 86_400_000;
    /** Most alarm rules in one settings version. */
    public static final int MAX_ALARM_RULES = 256;
    /** Most calibrated sensors in one settings version. */
    public static final int MAX_CALIBRATIONS = 1_024;

    public GatewaySettings {
        Objects.requireNonNull(samplingIntervalMillis, "samplingIntervalMillis");
        calibrations = Map.copyOf(new TreeMap<>(calibrations));
        alarmRules = List.copyOf(alarmRules);
    }

    /** The correction for {@code sensorId}, {@link Calibration#NONE} if none. */
    public Calibration calibrationOf(String sensorId) {
        return calibrations.getOrDefault(sensorId, Calibration.NONE);
    }
}
