package org.coldwatch.sim.room;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.coldwatch.sim.physics.Psychrometrics;

/**
 * A place's outside air: an annual cycle with its warmest day in late July and a daily cycle with its warmest hour
 * at 15:00 local time, both cosines; relative humidity follows from holding the dew point of the daily mean, so it
 * falls in the afternoon and rises at night as it does outdoors.
 *
 * <p>The shape is the textbook one (a sinusoidal daily cycle peaking mid-afternoon); the default numbers resemble
 * the North China Plain where many of the programme's stores are (annual mean ≈ 15 °C, July mean ≈ 27 °C, January
 * ≈ 0 °C, daily range ≈ 9 K) and are illustrative, not climate normals.
 *
 * @param annualMeanCelsius  mean of the year
 * @param annualAmplitudeK   half the difference between the warmest and coldest daily means
 * @param dailySwingK        difference between a day's warmest and coldest hour
 * @param meanRelativeHumidityPercent relative humidity at the daily mean temperature
 * @param zone               local time zone
 */
public record ClimateAmbient(double annualMeanCelsius, double annualAmplitudeK, double dailySwingK,
                             double meanRelativeHumidityPercent, ZoneId zone) implements Ambient {

    /** The illustrative North China Plain climate. */
    public static ClimateAmbient northChinaPlain() {
        return new ClimateAmbient(15, 13.5, 9, 65, ZoneId.of("Asia/Shanghai"));
    }

    @Override
    public double celsius(Instant time) {
        ZonedDateTime local = time.atZone(zone);
        return dailyMean(local) + dailySwingK / 2 * Math.cos(2 * Math.PI * (hourOfDay(local) - 15) / 24);
    }

    @Override
    public double relativeHumidityPercent(Instant time) {
        ZonedDateTime local = time.atZone(zone);
        double vapourPa = meanRelativeHumidityPercent / 100
                * Psychrometrics.saturationPressurePa(dailyMean(local));
        double rh = 100 * vapourPa / Psychrometrics.saturationPressurePa(celsius(time));
        return Math.min(100, rh);
    }

    private double dailyMean(ZonedDateTime local) {
        double dayOfYear = local.getDayOfYear() + hourOfDay(local) / 24;
        return annualMeanCelsius + annualAmplitudeK * Math.cos(2 * Math.PI * (dayOfYear - 200) / 365.25);
    }

    private static double hourOfDay(ZonedDateTime local) {
        return local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
    }
}
