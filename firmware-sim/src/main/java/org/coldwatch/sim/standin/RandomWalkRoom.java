package org.coldwatch.sim.standin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;

/**
 * TEMPORARY stand-in for a cold room, until the physics simulator (firmware-sim issue) replaces it: mean-reverting
 * random walks (discrete Ornstein–Uhlenbeck processes) of air and product temperature and relative humidity around
 * set points, a load-cell weight that shrinks slowly, and a door that opens now and then and warms the air.
 *
 * <p>It has no physics: the numbers only look plausible. The shrink rate default, 0.022 %/day, is the worked example
 * for apples at 0 °C and 90 % RH in ../shared/design/DOMAIN.md (ASHRAE transpiration model, k_t = 42
 * mg/(kg·s·MPa)); the humidity set point follows the 90–95 % storage range of USDA Agriculture Handbook 66 quoted
 * there.
 *
 * <p>Deterministic for a seed and a sequence of read times. Not thread-safe.
 */
public final class RandomWalkRoom {

    /**
     * What the room is set up as.
     *
     * @param sensorPrefix         prefix of the sensor ids, e.g. {@code room1}
     * @param setpointCelsius      thermostat set point
     * @param humiditySetpointPct  relative humidity the room holds
     * @param produceKg            weight on the load cells at the start
     * @param shrinkPercentPerDay  moisture loss of the produce
     */
    public record Setup(String sensorPrefix, double setpointCelsius, double humiditySetpointPct, double produceKg,
                        double shrinkPercentPerDay) {

        /** An apple room at 0 °C, 92 % RH, with the DOMAIN.md apple shrink rate. */
        public static Setup apples(String sensorPrefix, double produceKg) {
            return new Setup(sensorPrefix, 0.0, 92.0, produceKg, 0.022);
        }
    }

    private static final double REVERSION_PER_MINUTE = 0.15;
    /** About seven openings a day, as loading and picking would cause. */
    private static final double DOOR_OPEN_CHANCE_PER_MINUTE = 0.005;
    /** An open door is closed after two minutes on average. */
    private static final double DOOR_CLOSE_CHANCE_PER_MINUTE = 0.5;
    private static final double DOOR_WARMING_CELSIUS_PER_MINUTE = 0.8;

    /**
     * Measurement noise of the sensors, one standard deviation: the repeatability of a Sensirion SHT3x in its
     * low-repeatability mode, 0.15 °C and 0.21 %RH (SHT3x-DIS datasheet, table "Temperature sensor
     * specification" / "Humidity sensor specification"); for the load cell an assumed 0.05 kg.
     */
    private static final double TEMPERATURE_NOISE_CELSIUS = 0.15;
    private static final double HUMIDITY_NOISE_PCT = 0.21;
    private static final double WEIGHT_NOISE_KG = 0.05;

    private final Setup setup;
    private final Random random;
    private double airCelsius;
    private double coreCelsius;
    private double humidityPct;
    private double weightKg;
    private boolean doorOpen;
    private Instant last;

    public RandomWalkRoom(Setup setup, long seed, Instant start) {
        this.setup = setup;
        this.random = new Random(seed);
        this.airCelsius = setup.setpointCelsius();
        this.coreCelsius = setup.setpointCelsius();
        this.humidityPct = setup.humiditySetpointPct();
        this.weightKg = setup.produceKg();
        this.last = start;
    }

    /** Advances the room to {@code now} and reads its five sensors there. */
    public List<Reading> read(Instant now) {
        double minutes = Math.max(0, Duration.between(last, now).toMillis() / 60_000.0);
        last = now;
        step(minutes);
        String p = setup.sensorPrefix();
        List<Reading> readings = new ArrayList<>(5);
        readings.add(Reading.of(p + "-air", ReadingKind.TEMPERATURE, measured(airCelsius, TEMPERATURE_NOISE_CELSIUS, 2),
                now));
        double humidity = Math.max(0, Math.min(100, measured(humidityPct, HUMIDITY_NOISE_PCT, 1)));
        readings.add(Reading.of(p + "-air", ReadingKind.HUMIDITY, humidity, now));
        readings.add(Reading.of(p + "-core", ReadingKind.TEMPERATURE, measured(coreCelsius, TEMPERATURE_NOISE_CELSIUS, 2),
                now));
        readings.add(Reading.of(p + "-scale", ReadingKind.WEIGHT, measured(weightKg, WEIGHT_NOISE_KG, 2), now));
        readings.add(Reading.of(p + "-door", ReadingKind.DOOR, doorOpen ? 1 : 0, now));
        return readings;
    }

    private void step(double minutes) {
        if (minutes == 0) {
            return;
        }
        double pull = 1 - Math.exp(-REVERSION_PER_MINUTE * minutes);
        double noise = Math.sqrt(minutes);
        double toggleChance = doorOpen ? DOOR_CLOSE_CHANCE_PER_MINUTE : DOOR_OPEN_CHANCE_PER_MINUTE;
        if (random.nextDouble() < Math.min(1, toggleChance * minutes)) {
            doorOpen = !doorOpen;
        }
        double target = setup.setpointCelsius() + (doorOpen ? DOOR_WARMING_CELSIUS_PER_MINUTE * 5 : 0);
        airCelsius += (target - airCelsius) * pull + 0.12 * noise * random.nextGaussian();
        coreCelsius += (airCelsius - coreCelsius) * pull * 0.1 + 0.01 * noise * random.nextGaussian();
        double humidityTarget = setup.humiditySetpointPct() - (doorOpen ? 8 : 0);
        humidityPct += (humidityTarget - humidityPct) * pull + 0.4 * noise * random.nextGaussian();
        humidityPct = Math.max(0, Math.min(100, humidityPct));
        weightKg -= weightKg * setup.shrinkPercentPerDay() / 100 * minutes / (24 * 60);
    }

    private double measured(double trueValue, double noise, int decimals) {
        return round(trueValue + noise * random.nextGaussian(), decimals);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
