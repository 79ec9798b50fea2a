package org.coldwatch.sim.devices;

import java.util.random.RandomGenerator;

/**
 * A linear load cell as the HX711 sees it, in ADC counts at channel A, gain 128; other inputs scale by gain / 128
 * (the datasheet's full-scale input is ±0.5·AVDD/gain, so the same bridge signal yields counts proportional to the
 * gain). The simulated board wires the same bridge to channels A and B.
 *
 * @param offsetCounts     counts with nothing on the platform (bridge imbalance plus the weight of the pallet rack)
 * @param countsPerKg      sensitivity; negative for a cell mounted in compression the other way round
 * @param noiseCountsRms   standard deviation of Gaussian noise added to each conversion; 0 for none
 */
public record LoadCellModel(double offsetCounts, double countsPerKg, double noiseCountsRms) {

    /** Datasheet "Output Data Rate and Format": two's complement, saturating at 7FFFFFh (max). */
    public static final int MAX_COUNTS = 0x7FFFFF;
    /** Datasheet "Output Data Rate and Format": two's complement, saturating at 800000h (min). */
    public static final int MIN_COUNTS = -0x800000;

    /** Validates the parameters. */
    public LoadCellModel {
        if (!Double.isFinite(offsetCounts) || !Double.isFinite(countsPerKg)) {
            throw new IllegalArgumentException("offsetCounts and countsPerKg must be finite");
        }
        if (!(noiseCountsRms >= 0)) {
            throw new IllegalArgumentException("noiseCountsRms must be >= 0, was " + noiseCountsRms);
        }
    }

    /**
     * The 24-bit conversion result for this mass, saturated like the chip.
     *
     * @param massKg mass on the cell
     * @param gain   the selected input and gain
     * @param random noise source
     * @return signed counts within {@link #MIN_COUNTS}..{@link #MAX_COUNTS}
     */
    public int counts(double massKg, Hx711Gain gain, RandomGenerator random) {
        double atGain128 = offsetCounts + countsPerKg * massKg;
        if (noiseCountsRms > 0) {
            atGain128 += random.nextGaussian() * noiseCountsRms;
        }
        double scaled = atGain128 * gain.gain() / Hx711Gain.A_128.gain();
        return (int) Math.max(MIN_COUNTS, Math.min(MAX_COUNTS, Math.round(scaled)));
    }
}
