package org.coldwatch.sim.sensor;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.sim.room.ColdRoom;

/**
 * One simulated sensor channel: a truth taken from the room, seen through the sensor's response time, calibration
 * offset, drift, noise and resolution, with faults switched on and off by the scenario (stuck, dropped out, drifting).
 *
 * <p>{@link #track} runs every simulation step so the response lag integrates the truth; {@link #read} draws one
 * reading. Deterministic for a seed. Not thread-safe; the simulation owns it.
 */
public final class SensorChannel {
    private final String sensorId;
    private final Measurand measurand;
    private final ToDoubleFunction<ColdRoom> truth;
    private final SplittableRandom random;
    private final Instant start;
    private ErrorModel errors;
    private double lagged = Double.NaN;
    private boolean stuck;
    private double stuckValue = Double.NaN;
    private boolean droppedOut;
    private double lastReported = Double.NaN;
    private double extraDriftPerDay;
    private Instant extraDriftSince;

    /**
     * @param sensorId  the id readings carry
     * @param measurand what it measures
     * @param truth     the true value in the room
     * @param errors    its error model
     * @param seed      seed of its noise
     * @param start     when drift starts accumulating
     */
    public SensorChannel(String sensorId, Measurand measurand, ToDoubleFunction<ColdRoom> truth, ErrorModel errors,
                         long seed, Instant start) {
        this.sensorId = sensorId;
        this.measurand = measurand;
        this.truth = truth;
        this.errors = errors;
        this.random = new SplittableRandom(seed);
        this.start = start;
    }

    /** Follows the truth through the sensor's response time; call once per simulation step. */
    public void track(ColdRoom room, double dt) {
        double value = truth.applyAsDouble(room);
        if (Double.isNaN(lagged) || errors.timeConstantSeconds() == 0 || measurand == Measurand.DOOR) {
            lagged = value;
        } else {
            lagged += (value - lagged) * (1 - Math.exp(-dt / errors.timeConstantSeconds()));
        }
    }

    /** The value the sensor would report at {@code now}, or empty if it does not answer. */
    public OptionalDouble read(Instant now) {
        if (Double.isNaN(lagged)) {
            return OptionalDouble.empty();
        }
        if (droppedOut || (errors.dropoutProbability() > 0 && random.nextDouble() < errors.dropoutProbability())) {
            return OptionalDouble.empty();
        }
        if (stuck) {
            if (Double.isNaN(stuckValue)) {
                stuckValue = Double.isNaN(lastReported) ? measure(now) : lastReported;
            }
            return OptionalDouble.of(stuckValue);
        }
        lastReported = measure(now);
        return OptionalDouble.of(lastReported);
    }

    /** What the sensor currently reports, ignoring dropouts: for device registers that always hold a value. */
    public double peek(Instant now) {
        return stuck && !Double.isNaN(stuckValue) ? stuckValue : measure(now);
    }

    private double measure(Instant now) {
        if (measurand == Measurand.DOOR) {
            return lagged >= 0.5 ? 1 : 0;
        }
        double days = Duration.between(start, now).toMillis() / 86_400_000.0;
        double value = lagged + errors.offset() + errors.driftPerDay() * days + errors.noiseSd() * random.nextGaussian();
        if (extraDriftSince != null) {
            value += extraDriftPerDay * Duration.between(extraDriftSince, now).toMillis() / 86_400_000.0;
        }
        if (errors.resolution() > 0) {
            value = quantise(value, errors.resolution());
        }
        ReadingKind kind = measurand.kind();
        if (kind == ReadingKind.HUMIDITY) {
            value = Math.max(0, Math.min(100, value));
        }
        return value;
    }

    /**
     * Rounds to the sensor's resolution and then to the decimals that resolution has, so 92.1 is sent as 92.1 and
     * not as 92.10000000000001.
     */
    static double quantise(double value, double resolution) {
        double steps = Math.round(value / resolution) * resolution;
        double scale = Math.pow(10, Math.max(0, Math.ceil(-Math.log10(resolution) - 1e-9) + 2));
        return Math.round(steps * scale) / scale;
    }

    /** Freezes the reported value at the last one (a hung sensor or a failed ADC). */
    public void setStuck(boolean on) {
        stuck = on;
        if (!on) {
            stuckValue = Double.NaN;
        }
    }

    /** Makes the sensor stop answering, or answer again. */
    public void setDroppedOut(boolean on) {
        droppedOut = on;
    }

    /** Starts an extra drift from {@code since} (a probe ageing or slipping out of its calibration). */
    public void startDrift(double perDay, Instant since) {
        extraDriftPerDay = perDay;
        extraDriftSince = since;
    }

    /** Stops an extra drift, keeping what it accumulated as a lasting offset. */
    public void stopDrift(Instant now) {
        if (extraDriftSince != null) {
            double accumulated = extraDriftPerDay * Duration.between(extraDriftSince, now).toMillis() / 86_400_000.0;
            errors = errors.withOffset(errors.offset() + accumulated);
            extraDriftSince = null;
            extraDriftPerDay = 0;
        }
    }

    /** Replaces the calibration offset (a technician recalibrating, or a knock). */
    public void setOffset(double offset) {
        errors = errors.withOffset(offset);
    }

    /** The id readings carry. */
    public String sensorId() {
        return sensorId;
    }

    /** What it measures. */
    public Measurand measurand() {
        return measurand;
    }

    /** The reading kind it reports. */
    public ReadingKind kind() {
        return measurand.kind();
    }

    /** The true value now, for tests and traces. */
    public double truth(ColdRoom room) {
        return truth.applyAsDouble(room);
    }
}
