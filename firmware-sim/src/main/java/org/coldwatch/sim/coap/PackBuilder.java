package org.coldwatch.sim.coap;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.coldwatch.protocol.senml.NodeQuantity;
import org.coldwatch.protocol.senml.NodeReport;
import org.coldwatch.protocol.senml.SenmlCodec;
import org.coldwatch.protocol.senml.SenmlFormat;
import org.coldwatch.protocol.senml.SenmlLimits;
import org.coldwatch.protocol.senml.SenmlPack;
import org.coldwatch.protocol.senml.SenmlRecord;
import org.coldwatch.protocol.senml.SenmlTimes;

/**
 * Builds the pack a node sends: its oldest unsent rounds (as many as fit one CoAP payload,
 * {@link SenmlLimits#MAX_PACK_BYTES}) followed by its battery health, in the ColdWatch name scheme
 * ({@code bn = "<nodeId>/"}, {@code n = temperature|humidity|weight|battery|battery-level}).
 *
 * <p>A node with a clock sends {@code bt} = its oldest round's time and each later record's offset as {@code t}. A
 * clockless node sends no {@code bt}, and each record's age at the moment of sending as a negative {@code t}
 * (RFC 8428 section 4.5.3), so the gateway dates it from the arrival time.
 */
final class PackBuilder {

    /** A pack ready to send, and how many backlog rounds it carries. */
    record Built(SenmlPack pack, byte[] payload, int rounds) {
        int records() {
            return pack.records().size();
        }
    }

    private PackBuilder() {
    }

    static Built build(String nodeId, List<Round> backlog, double volts, double level, Instant now, boolean clockless,
                       SenmlFormat format) {
        for (int rounds = backlog.size(); rounds > 0; rounds--) {
            List<SenmlRecord> records = records(nodeId, backlog.subList(0, rounds), volts, level, now, clockless);
            if (records.size() > SenmlLimits.MAX_RECORDS) {
                continue;
            }
            SenmlPack pack = SenmlPack.of(records);
            byte[] payload = SenmlCodec.encode(pack, format);
            if (payload.length <= SenmlLimits.MAX_PACK_BYTES) {
                return new Built(pack, payload, rounds);
            }
        }
        throw new IllegalStateException("node " + nodeId + ": not even one round fits a pack");
    }

    private static List<SenmlRecord> records(String nodeId, List<Round> rounds, double volts, double level,
                                             Instant now, boolean clockless) {
        Instant base = rounds.get(0).measuredAt();
        List<SenmlRecord> records = new ArrayList<>();
        for (Round round : rounds) {
            double t = clockless ? -seconds(round.measuredAt(), now) : seconds(base, round.measuredAt());
            records.add(timed(SenmlRecord.numeric(NodeQuantity.TEMPERATURE.senmlName(), round.celsius(),
                    NodeQuantity.TEMPERATURE.unit()), t));
            records.add(timed(SenmlRecord.numeric(NodeQuantity.HUMIDITY.senmlName(), round.humidityPercent(),
                    NodeQuantity.HUMIDITY.unit()), t));
            if (round.weightKg().isPresent()) {
                records.add(timed(SenmlRecord.numeric(NodeQuantity.WEIGHT.senmlName(), round.weightKg().getAsDouble(),
                        NodeQuantity.WEIGHT.unit()), t));
            }
        }
        double healthT = clockless ? 0 : seconds(base, now);
        records.add(timed(SenmlRecord.numeric(NodeQuantity.BATTERY.senmlName(), round3(volts),
                NodeQuantity.BATTERY.unit()), healthT));
        records.add(timed(SenmlRecord.numeric(NodeQuantity.BATTERY_LEVEL.senmlName(), round3(level),
                NodeQuantity.BATTERY_LEVEL.unit()), healthT));
        SenmlRecord first = records.get(0).withBaseName(NodeReport.baseName(nodeId));
        records.set(0, clockless ? first : first.withBaseTime(SenmlTimes.epochSeconds(base)));
        return records;
    }

    /** A time of 0 is the default and is left out (RFC 8428 section 4.5.3). */
    private static SenmlRecord timed(SenmlRecord record, double t) {
        return t == 0 ? record : record.withTime(t);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    /** Battery figures to the millivolt / per mille, as a node's ADC would report them. */
    private static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
