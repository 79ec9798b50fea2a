package org.coldwatch.sim.fleet;

import java.util.Locale;

/**
 * A snapshot of a running fleet, reported every few seconds.
 *
 * @param elapsedSeconds         since the start of the run
 * @param gateways               virtual gateways in the run
 * @param connected              gateways connected now
 * @param batchesSent            distinct batches published so far
 * @param batchesAcked           batches acknowledged (reason code &lt; 0x80)
 * @param batchesRefused         batches refused (reason code ≥ 0x80)
 * @param unanswered             batches sent but not answered yet (in flight or waiting to be resent)
 * @param behind                 batches due by the schedule but not sent yet because the window was full
 * @param resends                publishes of a batch after its first
 * @param readingsAckedPerSecond readings acknowledged per second since the previous snapshot
 * @param p99AckMillis           99th percentile, since the previous snapshot, from intended send time to PUBACK
 * @param maxSendLagMillis       largest delay of a first publish behind its intended time since the previous
 *                               snapshot
 */
public record FleetProgress(double elapsedSeconds, int gateways, int connected, long batchesSent, long batchesAcked,
                            long batchesRefused, long unanswered, long behind, long resends,
                            double readingsAckedPerSecond, double p99AckMillis, double maxSendLagMillis) {

    /** One line for a console. */
    public String toLine() {
        return String.format(Locale.ROOT, "t=%6.1fs connected=%d/%d sent=%d acked=%d refused=%d unanswered=%d"
                        + " behind=%d resends=%d acked-rate=%.0f readings/s p99=%.1f ms lag-max=%.1f ms",
                elapsedSeconds, connected, gateways, batchesSent, batchesAcked, batchesRefused, unanswered, behind,
                resends, readingsAckedPerSecond, p99AckMillis, maxSendLagMillis);
    }
}
