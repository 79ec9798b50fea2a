package org.coldwatch.sim.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;

/**
 * One timed event in a scenario file. {@code at} is measured from the scenario's start; {@code for}, where given,
 * undoes the event after that long (the door closes, power returns, the fault clears).
 *
 * @param at        when, from the start
 * @param type      {@code door-open}, {@code compressor-failure}, {@code power-cut}, {@code defrost-heater-stuck},
 *                  {@code humidifier-failure}, {@code inbound}, {@code outbound}, {@code discard-rotten},
 *                  {@code sensor-stuck}, {@code sensor-dropout}, {@code sensor-drift}, {@code sensor-offset},
 *                  {@code network-outage}, {@code setpoint}
 * @param lasting   how long it lasts ({@code for} in the file); absent for a lasting change
 * @param sensor    the sensor a sensor fault applies to
 * @param lot       the lot an inbound/outbound/discard applies to
 * @param commodity for inbound: what arrives
 * @param massKg    for inbound/outbound: how much
 * @param celsius   for inbound: its temperature (field heat); for setpoint: the new set point
 * @param perDay    for sensor-drift: drift per day
 * @param offset    for sensor-offset: the new calibration offset
 * @param gateway   for power-cut: {@code battery} (the gateway keeps running) or {@code off}
 * @param channels  for sensor faults on a two-channel sensor: which kinds, default all
 */
public record EventSpec(Duration at, String type, @JsonProperty("for") Duration lasting, String sensor, String lot,
                        String commodity, Double massKg, Double celsius, Double perDay, Double offset,
                        String gateway, List<String> channels) {

    /** The event types the simulator knows. */
    public static final List<String> TYPES = List.of("door-open", "compressor-failure", "power-cut",
            "defrost-heater-stuck", "humidifier-failure", "inbound", "outbound", "discard-rotten", "sensor-stuck",
            "sensor-dropout", "sensor-drift", "sensor-offset", "network-outage", "setpoint");
}
