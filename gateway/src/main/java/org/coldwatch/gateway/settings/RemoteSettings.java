package org.coldwatch.gateway.settings;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.coldwatch.gateway.alarm.AlarmRules;
import org.coldwatch.protocol.ProtocolException;
import org.coldwatch.protocol.health.GatewayHealth;
import org.coldwatch.protocol.settings.GatewaySettings;
import org.coldwatch.protocol.settings.GatewaySettingsCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the server's settings: decodes each config message strictly, applies a new version as a whole (sampling
 * interval, calibrations, alarm rules) to a {@link Target}, saves it with {@link SettingsFile} so that it survives a
 * restart without a server, and keeps the {@link SettingsStatus} health reports. A message that cannot be decoded is
 * refused as a whole and the running settings stay. A version not above the applied one is ignored: the retained
 * message comes again on every reconnect.
 */
public final class RemoteSettings {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteSettings.class);

    /** What the settings change. */
    public interface Target {
        /** The sampler's period. */
        void samplingInterval(Duration interval);

        /** Corrections applied at the intake. */
        void calibrations(Calibrations calibrations);

        /** The local alarm's rules. */
        void alarmRules(AlarmRules rules);
    }

    private final String gatewayId;
    private final Target target;
    private final SettingsFile file;
    private final Duration fileSamplingInterval;
    private volatile SettingsStatus status = SettingsStatus.FILE_ONLY;
    private long appliedVersion;

    /**
     * @param fileSamplingInterval the config file's interval, used when the settings leave the interval out
     */
    public RemoteSettings(String gatewayId, Target target, SettingsFile file, Duration fileSamplingInterval) {
        this.gatewayId = gatewayId;
        this.target = target;
        this.file = file;
        this.fileSamplingInterval = fileSamplingInterval;
    }

    /** Applies the saved settings, if any; call once at start, before sampling. */
    public synchronized void restore() {
        file.load().ifPresent(saved -> {
            apply(saved);
            LOG.info("settings: gateway={} version {} restored from {}", gatewayId, saved.version(), file.path());
        });
    }

    /** Handles one config message from the server (any thread). */
    public synchronized void received(byte[] payload) {
        GatewaySettings settings;
        try {
            settings = GatewaySettingsCodec.decode(payload);
        } catch (ProtocolException e) {
            long version = versionHint(payload);
            LOG.warn("settings: gateway={} refused version {}: {}", gatewayId, version, e.detail());
            status = new SettingsStatus(status.appliedVersion(),
                    Optional.of(new GatewayHealth.Refusal(version, e.detail())));
            return;
        }
        if (settings.version() <= appliedVersion) {
            LOG.debug("settings: gateway={} version {} already applied", gatewayId, settings.version());
            return;
        }
        apply(settings);
        try {
            file.save(settings);
        } catch (IOException e) {
            LOG.error("settings: gateway={} version {} applied but not saved to {}: {}; a restart without server"
                    + " would fall back to the previous version", gatewayId, settings.version(), file.path(),
                    e.toString());
        }
        LOG.info("settings: gateway={} version {} applied: sampling {} ms, {} calibration(s), {} alarm rule(s)",
                gatewayId, settings.version(),
                settings.samplingIntervalMillis().orElse(fileSamplingInterval.toMillis()),
                settings.calibrations().size(), settings.alarmRules().size());
    }

    private void apply(GatewaySettings settings) {
        target.samplingInterval(settings.samplingIntervalMillis().map(Duration::ofMillis).orElse(fileSamplingInterval));
        target.calibrations(new Calibrations(settings.calibrations()));
        target.alarmRules(new AlarmRules(settings.alarmRules()));
        appliedVersion = settings.version();
        status = new SettingsStatus(Optional.of(settings.version()), status.refusal()
                .filter(r -> r.version() > settings.version()));
    }

    /** What is applied and what was refused. */
    public SettingsStatus status() {
        return status;
    }

    /** The version number of a payload that failed to decode, if one can be found; else 0. */
    static long versionHint(byte[] payload) {
        String text = new String(payload, 0, Math.min(payload.length, 4096), java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"version\"\\s*:\\s*(\\d{1,18})").matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
