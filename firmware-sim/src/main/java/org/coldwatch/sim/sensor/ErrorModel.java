package org.coldwatch.sim.sensor;

/**
 * How a sensor channel departs from the truth.
 *
 * @param noiseSd            white measurement noise, one standard deviation, in the reading's unit
 * @param resolution         quantisation step of the reported value (0 for none)
 * @param offset             calibration offset, added to every reading
 * @param driftPerDay        drift that accumulates from the start of the simulation, unit per day
 * @param timeConstantSeconds first-order response time (63 %) of the sensor in its mounting; 0 for instant
 * @param dropoutProbability chance that one reading is missing (a read error, a lost radio packet)
 */
public record ErrorModel(double noiseSd, double resolution, double offset, double driftPerDay,
                         double timeConstantSeconds, double dropoutProbability) {

    /** A perfect channel. */
    public static final ErrorModel NONE = new ErrorModel(0, 0, 0, 0, 0, 0);

    public ErrorModel {
        if (noiseSd < 0 || resolution < 0 || timeConstantSeconds < 0 || dropoutProbability < 0
                || dropoutProbability > 1) {
            throw new IllegalArgumentException("noise, resolution and time constant must be ≥ 0, dropout in [0, 1]");
        }
    }

    /**
     * Sensirion SHT3x temperature in high-repeatability mode: repeatability 0.04 °C, resolution 0.01 °C
     * (SHT3x-DIS datasheet, table "Temperature sensor specification"); response time τ63 > 2 s, here 5 s in a
     * housing.
     */
    public static ErrorModel sht3xTemperature() {
        return new ErrorModel(0.04, 0.01, 0, 0, 5, 0);
    }

    /**
     * Sensirion SHT3x relative humidity in high-repeatability mode: repeatability 0.08 %RH, resolution 0.01 %RH,
     * response time τ63 8 s (SHT3x-DIS datasheet, "Humidity sensor specification").
     */
    public static ErrorModel sht3xHumidity() {
        return new ErrorModel(0.08, 0.01, 0, 0, 8, 0);
    }

    /**
     * Maxim DS18B20 at 12-bit resolution, 0.0625 °C steps (DS18B20 datasheet, "Operation — measuring temperature");
     * noise of about one step; a stainless probe sheath gives τ63 of about 30 s in moving air (assumption).
     */
    public static ErrorModel ds18b20() {
        return new ErrorModel(0.03, 0.0625, 0, 0, 30, 0);
    }

    /**
     * A platform load cell behind an HX711: noise 0.2 kg and 0.1 kg display steps for a 2 t platform (about
     * 0.01 % of capacity, an assumption in line with OIML R 60 class C3 cells).
     */
    public static ErrorModel loadCell() {
        return new ErrorModel(0.2, 0.1, 0, 0, 0, 0);
    }

    /** The same model with another calibration offset. */
    public ErrorModel withOffset(double newOffset) {
        return new ErrorModel(noiseSd, resolution, newOffset, driftPerDay, timeConstantSeconds, dropoutProbability);
    }

    /** The same model with another drift. */
    public ErrorModel withDriftPerDay(double newDrift) {
        return new ErrorModel(noiseSd, resolution, offset, newDrift, timeConstantSeconds, dropoutProbability);
    }

    /** The same model with another dropout probability. */
    public ErrorModel withDropoutProbability(double probability) {
        return new ErrorModel(noiseSd, resolution, offset, driftPerDay, timeConstantSeconds, probability);
    }
}
