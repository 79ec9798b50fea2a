package org.coldwatch.sim.room;

/**
 * An optional humidifier (ultrasonic or spray) on a humidistat. Its mist evaporates in the room air, taking the latent
 * heat from it (adiabatic humidification).
 *
 * @param kgPerHour          water it puts into the air while on
 * @param targetPercent      humidistat set point
 * @param bandPercent        humidistat differential
 */
public record HumidifierSpec(double kgPerHour, double targetPercent, double bandPercent) {
    public HumidifierSpec {
        RoomSpec.positive("kgPerHour", kgPerHour);
        RoomSpec.positive("bandPercent", bandPercent);
    }
}
