package org.coldwatch.sim.produce;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One kind of produce and the storage and physiology parameters the simulator needs. Values and their sources are
 * in {@code produce/catalog.yaml}; every entry says whether it was checked against its primary source.
 *
 * @param id                          catalog key, e.g. {@code apple}
 * @param names                       display names by language tag ({@code en}, {@code zh-CN})
 * @param storageCelsius              recommended storage temperature range
 * @param relativeHumidityPercent     recommended relative humidity range
 * @param storageLifeDays             storage life range at the recommended conditions
 * @param highestFreezingCelsius      highest freezing point: below it the produce freezes
 * @param chillingBelowCelsius        chilling injury below this temperature, or {@code null}
 * @param transpirationCoefficient    k_t, mg/(kg·s·MPa)
 * @param respiration                 respiration rate and where it was measured
 * @param waterFraction               water content, kg/kg
 * @param unsaleableWeightLossPercent weight loss at which it no longer sells, or {@code null} if unknown
 * @param sources                     abbreviations of the sources, explained at the top of the catalog file
 * @param provenance                  {@code verified} or {@code secondary}
 */
public record Commodity(String id, Map<String, String> names, Range storageCelsius, Range relativeHumidityPercent,
                        Range storageLifeDays, double highestFreezingCelsius, Double chillingBelowCelsius,
                        double transpirationCoefficient, RespirationRate respiration, double waterFraction,
                        Double unsaleableWeightLossPercent, List<String> sources, String provenance) {

    /** Siebel (1892) specific heat above freezing, J/(kg·K), as the ASHRAE Handbook — Refrigeration uses it. */
    public double specificHeat() {
        return 837.0 + 3349.0 * waterFraction;
    }

    /** The temperature {@link #storageLifeDays} refers to: the middle of the storage range. */
    public double referenceCelsius() {
        return storageCelsius.middle();
    }

    /** The middle of the storage life range, in seconds. */
    public double referenceLifeSeconds() {
        return storageLifeDays.middle() * 86_400.0;
    }

    /** A closed range, written {@code [low, high]} in the catalog. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"low", "high"})
    public record Range(double low, double high) {
        public Range {
            if (!(low <= high)) {
                throw new IllegalArgumentException("range [" + low + ", " + high + "] is empty");
            }
        }

        double middle() {
            return (low + high) / 2;
        }

        /** Whether {@code value} lies inside. */
        public boolean contains(double value) {
            return value >= low && value <= high;
        }
    }

    /**
     * A respiration rate.
     *
     * @param mgCo2PerKgHour CO₂ production
     * @param atCelsius      the temperature it was measured at
     */
    public record RespirationRate(double mgCo2PerKgHour, double atCelsius) {
    }

    public Commodity {
        Objects.requireNonNull(id, "id");
        names = Map.copyOf(names);
        sources = List.copyOf(sources);
        if (!provenance.equals("verified") && !provenance.equals("secondary")) {
            throw new IllegalArgumentException(id + ": provenance must be 'verified' or 'secondary'");
        }
        if (waterFraction <= 0 || waterFraction >= 1 || transpirationCoefficient <= 0) {
            throw new IllegalArgumentException(id + ": waterFraction must be in (0, 1), k_t positive");
        }
    }
}
