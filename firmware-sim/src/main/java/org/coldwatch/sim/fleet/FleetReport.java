package org.coldwatch.sim.fleet;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a fleet run did, for people ({@link ReportTable}) and machines (serialised as JSON by the command line).
 *
 * @param target               the broker or server
 * @param gateways             virtual gateways in the run
 * @param sensorsPerGateway    sensors per gateway
 * @param readingsPerMessage   readings per batch
 * @param intervalSeconds      time between two batches of one gateway
 * @param sendingSeconds       how long batches were scheduled (the duration, or less if stopped early)
 * @param elapsedSeconds       from the start to the last answer, at least {@code sendingSeconds}
 * @param connections          connection counts
 * @param batches              batch counts
 * @param readings             reading counts (batches × readings per batch)
 * @param resends              publishes of a batch after its first (after reconnects)
 * @param rates                offered and achieved rates
 * @param latencyFromIntended  intended send time → PUBACK (includes waiting behind a full window)
 * @param latencyFromPublish   the answered publish → PUBACK (the server's service time)
 * @param sendLag              intended send time → first publish (how far the generator fell behind)
 * @param refusals             refused batches by PUBACK reason code ({@code "0x99"}), with the first reason given
 * @param connectFailures      failed connection attempts by CONNACK reason code or Paho client error code
 * @param perGateway           each gateway's sequence numbers and outcome, in gateway order
 */
public record FleetReport(String target, int gateways, int sensorsPerGateway, int readingsPerMessage,
                          double intervalSeconds, double sendingSeconds, double elapsedSeconds,
                          Connections connections, Counts batches, Counts readings, long resends, Rates rates,
                          Latency latencyFromIntended, Latency latencyFromPublish, Latency sendLag,
                          Map<String, Refusal> refusals, Map<String, Refusal> connectFailures,
                          List<GatewayResult> perGateway) {

    public FleetReport {
        refusals = Map.copyOf(refusals);
        connectFailures = Map.copyOf(connectFailures);
        perGateway = List.copyOf(perGateway);
    }

    /** Whether every batch that was sent was acknowledged: nothing refused, nothing left unanswered. */
    public boolean everySentBatchAcknowledged() {
        return batches.sent() == batches.acked();
    }

    /**
     * Connections.
     *
     * @param peak          most gateways connected at once
     * @param atEnd         gateways connected when the run ended (before the fleet disconnected)
     * @param connects      successful connects, reconnects included
     * @param lost          connections lost while running
     * @param failedAttempts connection attempts that failed
     */
    public record Connections(int peak, int atEnd, long connects, long lost, long failedAttempts) {
    }

    /**
     * Counts of batches or readings. {@code sent = acked + refused + unackedAtEnd} and
     * {@code offered = sent + notSent}.
     *
     * @param offered      scheduled to be sent before the end of the run
     * @param sent         published at least once
     * @param acked        acknowledged by the server (counted once, however often sent)
     * @param refused      refused by the server (reason code ≥ 0x80); not sent again
     * @param unackedAtEnd sent but not answered when the drain timeout ran out
     * @param notSent      scheduled but never sent because the generator was behind (window full) at the end
     */
    public record Counts(long offered, long sent, long acked, long refused, long unackedAtEnd, long notSent) {

        /** Counts from the four measured figures; the other two follow. */
        public static Counts of(long offered, long sent, long acked, long refused) {
            if (acked + refused > sent || sent > offered) {
                throw new IllegalArgumentException("inconsistent counts: offered=" + offered + " sent=" + sent
                        + " acked=" + acked + " refused=" + refused);
            }
            return new Counts(offered, sent, acked, refused, sent - acked - refused, offered - sent);
        }

        /** The same counts multiplied by {@code factor}, e.g. batches → readings. */
        public Counts times(long factor) {
            return new Counts(offered * factor, sent * factor, acked * factor, refused * factor,
                    unackedAtEnd * factor, notSent * factor);
        }
    }

    /**
     * Rates per second.
     *
     * @param offeredReadingsPerSecond  readings scheduled / sending time
     * @param achievedReadingsPerSecond readings acknowledged / elapsed time
     * @param offeredMessagesPerSecond  batches scheduled / sending time
     * @param achievedMessagesPerSecond batches acknowledged / elapsed time
     */
    public record Rates(double offeredReadingsPerSecond, double achievedReadingsPerSecond,
                        double offeredMessagesPerSecond, double achievedMessagesPerSecond) {

        /** Rates from counts and times; zero where a time is zero. */
        public static Rates of(Counts batches, int readingsPerMessage, double sendingSeconds, double elapsedSeconds) {
            double offered = perSecond(batches.offered(), sendingSeconds);
            double achieved = perSecond(batches.acked(), elapsedSeconds);
            return new Rates(offered * readingsPerMessage, achieved * readingsPerMessage, offered, achieved);
        }

        private static double perSecond(long count, double seconds) {
            return seconds > 0 ? count / seconds : 0.0;
        }
    }

    /**
     * Latency percentiles in milliseconds.
     *
     * @param count number of values
     */
    public record Latency(long count, double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs,
                          double meanMs) {

        /** Percentiles of a histogram recorded in microseconds. */
        public static Latency of(Histogram micros) {
            if (micros.getTotalCount() == 0) {
                return new Latency(0, 0, 0, 0, 0, 0, 0);
            }
            return new Latency(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
                    ms(micros.getValueAtPercentile(90)), ms(micros.getValueAtPercentile(99)),
                    ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()), micros.getMean() / 1_000.0);
        }

        private static double ms(long micros) {
            return micros / 1_000.0;
        }
    }

    /**
     * How often a reason code was seen.
     *
     * @param count       occurrences
     * @param firstReason the reason string (or error message) of the first occurrence, may be null
     */
    public record Refusal(long count, String firstReason) {
    }

    /**
     * One gateway's part. Sequence numbers are contiguous from {@code firstSeq} to {@code lastSeq}; both are 0 if
     * the gateway sent nothing.
     *
     * @param gatewayId      the gateway
     * @param firstSeq       seq of its first batch
     * @param lastSeq        seq of its last batch
     * @param batchesSent    distinct batches sent ({@code lastSeq - firstSeq + 1})
     * @param batchesAcked   acknowledged batches
     * @param readingsAcked  readings in acknowledged batches
     * @param batchesRefused refused batches
     * @param unackedAtEnd   batches left unanswered
     */
    public record GatewayResult(String gatewayId, long firstSeq, long lastSeq, long batchesSent, long batchesAcked,
                                long readingsAcked, long batchesRefused, long unackedAtEnd) {
    }
}
