package org.coldwatch.sim.physics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The physics functions against the numbers DOMAIN.md gives with their sources. */
class PhysicsTest {

    /** DOMAIN.md, "Physics": Buck (1996), e_s(0, 2, 5, 10 °C) ≈ 6.112, 7.059, 8.724, 12.279 hPa. */
    @ParameterizedTest
    @CsvSource({"0, 6.112", "2, 7.059", "5, 8.724", "10, 12.279"})
    void buckSaturationPressureMatchesTheDomainTableToAThousandth(double celsius, double hPa) {
        assertThat(Psychrometrics.saturationPressureOverWaterPa(celsius) / 100).isCloseTo(hPa, withPercentage(0.1));
    }

    @Test
    void iceCurveLiesBelowTheWaterCurveBelowZeroAndMeetsItAtZero() {
        assertThat(Psychrometrics.saturationPressureOverIcePa(-10))
                .isLessThan(Psychrometrics.saturationPressureOverWaterPa(-10));
        assertThat(Psychrometrics.saturationPressureOverIcePa(0))
                .isCloseTo(Psychrometrics.saturationPressureOverWaterPa(0), withPercentage(0.01));
    }

    /**
     * DOMAIN.md worked check (ASHRAE transpiration model): at 0 °C and 90 % RH, VPD 0.0611 kPa, apple (k_t 42)
     * ≈ 0.022 %/day, cabbage (223) ≈ 0.12 %/day, carrot (1207) ≈ 0.64 %/day.
     */
    @ParameterizedTest
    @CsvSource({"42, 0.022", "223, 0.12", "1207, 0.64"})
    void transpirationAtZeroDegreesAndNinetyPercentMatchesTheWorkedCheck(double kt, double percentPerDay) {
        assertThat(Transpiration.percentPerDay(kt, 0, 90)).isCloseTo(percentPerDay, withPercentage(3));
    }

    @Test
    void saturatedAirTakesNoWater() {
        assertThat(Transpiration.percentPerDay(42, 5, 100)).isCloseTo(0, within(1e-12));
    }

    /** DOMAIN.md: relative shelf life 100 at 0 °C, 33 at 10 °C, 13 at 20 °C (Saltveit, USDA AH-66). */
    @Test
    void shelfLifeFollowsTheQ10OfTheDomainTable() {
        assertThat(ShelfLife.lifeAt(100, 0, 10)).isCloseTo(33, within(3.0));
        assertThat(ShelfLife.lifeAt(100, 0, 20)).isCloseTo(13, within(1.5));
    }

    @Test
    void respirationHeatOfApplesAtZeroIsAFewMilliwattsPerKilogram() {
        // 4.5 mg CO2/(kg·h) × 10.66 J/mg ÷ 3600 s/h
        assertThat(Respiration.heatWattsPerKg(4.5, 0, 0)).isCloseTo(0.01333, withPercentage(1));
        assertThat(Respiration.heatWattsPerKg(4.5, 0, 10) / Respiration.heatWattsPerKg(4.5, 0, 0))
                .isCloseTo(3.25, withPercentage(0.01));
    }

    @Test
    void humidityRatioAndRelativeHumidityAreInverse() {
        double w = Psychrometrics.humidityRatio(3, 87);
        assertThat(Psychrometrics.relativeHumidityPercent(3, w)).isCloseTo(87, within(1e-9));
        assertThat(Psychrometrics.dewPointCelsius(Psychrometrics.saturationPressurePa(7.5))).isCloseTo(7.5,
                within(1e-6));
    }

    /**
     * Gosney–Olama as the ASHRAE Handbook — Refrigeration writes it, in kW, for a 1.2 × 2.2 m door between a room at
     * 0 °C and outside air at 25 °C: q = 0.221·A·Δh·ρ_r·(1 − ρ_i/ρ_r)^0.5·(g·H)^0.5·F_m, here with Δh = 1 kJ/kg so
     * q in kW equals the exchanged dry air in kg/s.
     */
    @Test
    void doorwayExchangeIsTheGosneyOlamaFlow() {
        double rhoR = 101_325 / (287.042 * 273.15);
        double rhoI = 101_325 / (287.042 * 298.15);
        double fm = Math.pow(2 / (1 + Math.pow(rhoR / rhoI, 1.0 / 3)), 1.5);
        double expected = 0.221 * 2.64 * rhoR * Math.sqrt(1 - rhoI / rhoR) * Math.sqrt(9.80665 * 2.2) * fm;
        assertThat(DoorwayInfiltration.dryAirKgPerSecond(2.64, 2.2, 0, 25, 1.0, 0)).isCloseTo(expected,
                withPercentage(1e-6));
        assertThat(expected).isBetween(0.6, 1.2);
    }
}
