package org.coldwatch.sim.onewire;

/**
 * Scratchpads a DS18B20 probe on a real 1-Wire bus returns when something other than the temperature goes wrong.
 * They complement the generic faults of {@link org.coldwatch.sim.devices.DeviceFaults}.
 */
public enum Ds18b20Glitch {
    /**
     * The probe lost power (parasite power too weak, a brown-out) and answers with its power-on reset scratchpad,
     * +85 °C (DS18B20 datasheet, Table 1 note): {@code 50 05 4b 46 7f ff 0c 10 1c : crc=1c YES},
     * {@code t=85000}. The CRC is valid, so only a driver that knows the value rejects it.
     */
    POWER_ON_RESET,
    /**
     * Nobody drives the data line during the read (the probe dropped off after answering the reset pulse): every bit
     * reads 1 through the pull-up, {@code ff ... ff : crc=c9 NO}, {@code t=-62}.
     */
    ALL_ONES,
    /**
     * The data line is held low during the read (a short, a marginal clone): every bit reads 0, and the CRC of zeros
     * is zero, so the kernel says {@code crc=00 YES} and {@code t=0} — a plausible-looking 0 °C in a cold room.
     */
    ALL_ZEROS
}
