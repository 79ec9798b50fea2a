package org.coldwatch.sim.fleet;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;

/** Formats a {@link FleetReport} as a plain-text table for a console. */
public final class ReportTable {
    private static final int GATEWAYS_LISTED = 10;

    private ReportTable() {
    }

    /** The report as lines of text (ends with a newline). */
    public static String format(FleetReport r) {
        StringBuilder out = new StringBuilder();
        line(out, "target", r.target());
        line(out, "gateways", "%d (connected: peak %d, at end %d; connects %d, lost %d, failed attempts %d)",
                r.gateways(), r.connections().peak(), r.connections().atEnd(), r.connections().connects(),
                r.connections().lost(), r.connections().failedAttempts());
        line(out, "load", "%d sensors/gateway, %d readings/message, one message per %.3f s per gateway",
                r.sensorsPerGateway(), r.readingsPerMessage(), r.intervalSeconds());
        line(out, "time", "sending %.1f s, elapsed %.1f s", r.sendingSeconds(), r.elapsedSeconds());
        out.append(String.format(Locale.ROOT, "%-22s %12s %12s %12s %12s %12s %12s%n", "", "offered", "sent",
                "acked", "refused", "unacked", "not sent"));
        counts(out, "batches", r.batches());
        counts(out, "readings", r.readings());
        line(out, "resends", "%d", r.resends());
        line(out, "rate (readings/s)", "offered %.1f, achieved %.1f", r.rates().offeredReadingsPerSecond(),
                r.rates().achievedReadingsPerSecond());
        line(out, "rate (messages/s)", "offered %.1f, achieved %.1f", r.rates().offeredMessagesPerSecond(),
                r.rates().achievedMessagesPerSecond());
        out.append(String.format(Locale.ROOT, "%-22s %10s %10s %10s %10s %10s %10s %10s%n", "latency (ms)", "count",
                "p50", "p90", "p99", "p99.9", "max", "mean"));
        latency(out, "intended → PUBACK", r.latencyFromIntended());
        latency(out, "publish → PUBACK", r.latencyFromPublish());
        latency(out, "send lag", r.sendLag());
        codes(out, "refused", r.refusals());
        codes(out, "connect failures", r.connectFailures());
        gateways(out, r);
        return out.toString();
    }

    private static void counts(StringBuilder out, String label, FleetReport.Counts c) {
        out.append(String.format(Locale.ROOT, "%-22s %12d %12d %12d %12d %12d %12d%n", label, c.offered(), c.sent(),
                c.acked(), c.refused(), c.unackedAtEnd(), c.notSent()));
    }

    private static void latency(StringBuilder out, String label, FleetReport.Latency l) {
        out.append(String.format(Locale.ROOT, "%-22s %10d %10.2f %10.2f %10.2f %10.2f %10.2f %10.2f%n", label,
                l.count(), l.p50Ms(), l.p90Ms(), l.p99Ms(), l.p999Ms(), l.maxMs(), l.meanMs()));
    }

    private static void codes(StringBuilder out, String label, Map<String, FleetReport.Refusal> byCode) {
        byCode.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> line(out, label,
                "%s × %d (first: %s)", e.getKey(), e.getValue().count(), e.getValue().firstReason()));
    }

    private static void gateways(StringBuilder out, FleetReport r) {
        if (r.perGateway().size() <= GATEWAYS_LISTED) {
            for (FleetReport.GatewayResult g : r.perGateway()) {
                line(out, "gateway " + g.gatewayId(), "seq %d…%d, acked %d, refused %d, unacked %d", g.firstSeq(),
                        g.lastSeq(), g.batchesAcked(), g.batchesRefused(), g.unackedAtEnd());
            }
            return;
        }
        FleetReport.GatewayResult fewest = r.perGateway().stream()
                .min(Comparator.comparingLong(FleetReport.GatewayResult::batchesSent)).orElseThrow();
        FleetReport.GatewayResult most = r.perGateway().stream()
                .max(Comparator.comparingLong(FleetReport.GatewayResult::batchesSent)).orElseThrow();
        long withUnacked = r.perGateway().stream().filter(g -> g.unackedAtEnd() > 0).count();
        line(out, "per gateway", "fewest sent %d (%s, seq %d…%d), most sent %d (%s, seq %d…%d), %d with unacked"
                        + " batches; every gateway's seq range is in the JSON report", fewest.batchesSent(),
                fewest.gatewayId(), fewest.firstSeq(), fewest.lastSeq(), most.batchesSent(), most.gatewayId(),
                most.firstSeq(), most.lastSeq(), withUnacked);
    }

    private static void line(StringBuilder out, String label, String format, Object... args) {
        out.append(String.format(Locale.ROOT, "%-22s ", label)).append(String.format(Locale.ROOT, format, args))
                .append('\n');
    }
}
