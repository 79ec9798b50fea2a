package org.coldwatch.gateway.app;

import java.time.Duration;
import org.coldwatch.gateway.alarm.AlarmRules;
import org.coldwatch.gateway.alarm.LocalAlarm;
import org.coldwatch.gateway.sensor.ReadingIntake;
import org.coldwatch.gateway.sensor.Sampler;
import org.coldwatch.gateway.settings.Calibrations;
import org.coldwatch.gateway.settings.RemoteSettings;

/** Where applied server settings land: the sampler's period, the intake's corrections, the alarm's rules. */
record SettingsTarget(Sampler sampler, ReadingIntake intake, LocalAlarm alarm) implements RemoteSettings.Target {

    @Override
    public void samplingInterval(Duration interval) {
        sampler.changeInterval(interval);
    }

    @Override
    public void calibrations(Calibrations calibrations) {
        intake.correctWith(calibrations);
    }

    @Override
    public void alarmRules(AlarmRules rules) {
        alarm.replaceRules(rules);
    }
}
