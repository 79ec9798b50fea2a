package org.coldwatch.gateway.health;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.coldwatch.gateway.alarm.AlarmState;
import org.coldwatch.gateway.outbox.OutboxHealth;
import org.coldwatch.gateway.sensor.SensorHealth;
import org.coldwatch.gateway.sensor.SensorState;
import org.coldwatch.protocol.health.GatewayHealth;

/**
 * The raw figures one health report is made of, gathered by {@link HealthPublisher}.
 *
 * @param now             the gateway's clock
 * @param startedAt       when the gateway started
 * @param outboxDepth     readings not yet acknowledged
 * @param oldestUnsent    measurement time of the oldest of them
 * @param diskFreeBytes   usable bytes of the outbox's file system
 * @param cpuCelsius      SoC temperature
 * @param heapUsedBytes   JVM heap in use
 * @param heapMaxBytes    JVM heap limit
 * @param reconnects      uplink reconnects
 * @param failingSources  sensor sources failing now
 * @param settingsVersion applied settings version
 * @param refusal         last refused settings version
 * @param alarm           local alarm state
 * @param outbox          the outbox's budget state, if known
 * @param sensors         every configured sensor's health (only the failing ones are reported)
 */
public record HealthInputs(Instant now, Instant startedAt, long outboxDepth, Optional<Instant> oldestUnsent,
                           Optional<Long> diskFreeBytes, Optional<Double> cpuCelsius, long heapUsedBytes,
                           long heapMaxBytes, long reconnects, int failingSources, Optional<Long> settingsVersion,
                           Optional<GatewayHealth.Refusal> refusal, AlarmState alarm, Optional<OutboxHealth> outbox,
                           List<SensorHealth> sensors) {

    /** The report these figures make, for {@code gatewayId}. */
    public GatewayHealth toReport(String gatewayId) {
        return new GatewayHealth(gatewayId, now, Math.max(0, now.getEpochSecond() - startedAt.getEpochSecond()),
                outboxDepth, oldestUnsent.map(t -> now.getEpochSecond() - t.getEpochSecond()), diskFreeBytes,
                cpuCelsius.map(c -> Math.round(c * 10) / 10.0), heapUsedBytes, heapMaxBytes, reconnects,
                failingSources, settingsVersion, refusal,
                new GatewayHealth.Alarm(alarm.sounding(), alarm.active().stream()
                        .limit(GatewayHealth.MAX_ACTIVE_ALARMS)
                        .map(a -> new GatewayHealth.ActiveAlarm(a.ruleId(), a.sensorId(), a.condition().wireName(),
                                a.since(), a.silenced()))
                        .toList()),
                outbox.map(o -> new GatewayHealth.Outbox(o.state().wireName(), o.bytesUsed(), o.budgetBytes(),
                        o.thinned(), o.refused(), o.diskFullErrors())),
                sensors.stream().filter(h -> h.state() != SensorState.OK).limit(GatewayHealth.MAX_FAULTS)
                        .map(h -> new GatewayHealth.SensorFault(h.id(), h.state().label())).toList());
    }
}
