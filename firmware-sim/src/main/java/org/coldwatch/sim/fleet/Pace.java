package org.coldwatch.sim.fleet;

import java.time.Duration;

/**
 * How often the fleet sends: either every gateway sends one message per interval, or the whole fleet offers a total
 * number of readings per second, spread evenly over the gateways.
 */
public sealed interface Pace {

    /** Each gateway sends one message every {@code perGateway}. */
    static Pace interval(Duration perGateway) {
        return new Interval(perGateway);
    }

    /** The fleet offers {@code readingsPerSecond} in total, every gateway taking an equal share. */
    static Pace totalRate(double readingsPerSecond) {
        return new TotalRate(readingsPerSecond);
    }

    /** The time between two messages of one gateway, in nanoseconds (at least 1). */
    long intervalNanos(int gateways, int readingsPerMessage);

    /** Checks the value; throws {@link IllegalArgumentException} naming the option. */
    void validate();

    /** A fixed interval per gateway. */
    record Interval(Duration perGateway) implements Pace {
        @Override
        public long intervalNanos(int gateways, int readingsPerMessage) {
            return Math.max(1, perGateway.toNanos());
        }

        @Override
        public void validate() {
            if (perGateway == null || perGateway.isNegative() || perGateway.isZero()) {
                throw new IllegalArgumentException("interval must be positive, was " + perGateway);
            }
        }
    }

    /** A total rate in readings per second over the whole fleet. */
    record TotalRate(double readingsPerSecond) implements Pace {
        @Override
        public long intervalNanos(int gateways, int readingsPerMessage) {
            double messagesPerSecondPerGateway = readingsPerSecond / readingsPerMessage / gateways;
            return Math.max(1, Math.round(1e9 / messagesPerSecondPerGateway));
        }

        @Override
        public void validate() {
            if (!(readingsPerSecond > 0) || Double.isInfinite(readingsPerSecond)) {
                throw new IllegalArgumentException("rate must be a positive number of readings per second, was "
                        + readingsPerSecond);
            }
        }
    }
}
