package org.coldwatch.sim.coap;

/**
 * A node's battery as the simulator sees it: the voltage sags a little with every radio transmission (including
 * CoAP retransmissions and DTLS handshake flights), and below the brown-out voltage the node stops. A linear model:
 * enough to make a long-running or chatty node die, not a discharge curve.
 *
 * @param fullVolts             voltage of a fresh battery
 * @param brownOutVolts         below this the node's MCU resets and stops reporting
 * @param voltsPerTransmission  sag per datagram sent
 */
public record BatteryModel(double fullVolts, double brownOutVolts, double voltsPerTransmission) {

    public BatteryModel {
        if (!(fullVolts > brownOutVolts) || !(brownOutVolts >= 0) || !(voltsPerTransmission >= 0)) {
            throw new IllegalArgumentException("battery: need fullVolts > brownOutVolts >= 0 and"
                    + " voltsPerTransmission >= 0, was " + fullVolts + ", " + brownOutVolts + ", "
                    + voltsPerTransmission);
        }
    }

    /**
     * Two alkaline AA cells: 3.0 V fresh, brown-out at 2.2 V (where a typical radio MCU stops transmitting reliably),
     * 0.1 mV per transmission, i.e. 8,000 datagrams. Assumed values, not a datasheet.
     */
    public static BatteryModel twoAlkalineCells() {
        return new BatteryModel(3.0, 2.2, 0.0001);
    }

    /** A battery with these parameters. */
    public static BatteryModel of(double fullVolts, double brownOutVolts, double voltsPerTransmission) {
        return new BatteryModel(fullVolts, brownOutVolts, voltsPerTransmission);
    }

    /** The voltage after {@code transmissions} datagrams, never below 0. */
    public double voltsAfter(long transmissions) {
        return Math.max(0.0, fullVolts - transmissions * voltsPerTransmission);
    }

    /** Remaining charge as a ratio 0 … 1 between brown-out and full. */
    public double level(double volts) {
        return Math.min(1.0, Math.max(0.0, (volts - brownOutVolts) / (fullVolts - brownOutVolts)));
    }

    /** Whether a node at {@code volts} has browned out. */
    public boolean isBrownedOut(double volts) {
        return volts < brownOutVolts;
    }
}
