package org.coldwatch.gateway.sensor;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;

/**
 * The {@code selftest} of one sensor: read it {@code reads} times in a row (through {@link SensorSource#readNow}, so
 * the plausibility checks of the driver and of the reading kind apply) and pass only if every read succeeded.
 */
public final class SensorCheck {

    /**
     * @param id         the sensor
     * @param kind       its kind
     * @param passed     every read produced plausible readings
     * @param goodReads  reads that succeeded
     * @param reads      reads attempted
     * @param lastValues the last good readings, e.g. {@code 2.01 Cel, 91.00 %RH}; {@code -} if none
     * @param detail     the faults seen, e.g. {@code crc ×2: humidity word 0x…}; empty if none
     */
    public record Result(String id, String kind, boolean passed, int goodReads, int reads, String lastValues,
                         String detail) {
    }

    private SensorCheck() {
    }

    /** Reads {@code source} {@code reads} times. */
    public static Result run(String id, String kind, SensorSource source, int reads, Clock clock) {
        Map<SensorState, Integer> faults = new EnumMap<>(SensorState.class);
        String lastFault = "";
        List<Reading> last = List.of();
        int good = 0;
        for (int i = 0; i < reads; i++) {
            try {
                List<Reading> readings = source.readNow(clock.instant());
                for (Reading r : readings) {
                    if (!r.kind().isPlausible(r.value())) {
                        throw new SensorFault(SensorState.IMPLAUSIBLE, r.kind().wireName() + " " + r.value() + " "
                                + r.unit() + " is outside " + r.kind().min() + "…" + r.kind().max());
                    }
                }
                last = readings;
                good++;
            } catch (SensorFault f) {
                faults.merge(f.state(), 1, Integer::sum);
                lastFault = f.getMessage();
            } catch (SensorException | RuntimeException e) {
                faults.merge(SensorState.MISSING, 1, Integer::sum);
                lastFault = e.getMessage();
            }
        }
        String values = last.isEmpty() ? "-" : last.stream()
                .map(r -> r.kind() == ReadingKind.DOOR ? (r.value() == 1 ? "open" : "closed")
                        : String.format(Locale.ROOT, "%s %s", trim(r.value()), r.unit()))
                .collect(Collectors.joining(", "));
        List<String> parts = new ArrayList<>();
        faults.forEach((state, count) -> parts.add(state + " ×" + count));
        String detail = parts.isEmpty() ? "" : String.join(", ", parts) + ": " + lastFault;
        return new Result(id, kind, good == reads, good, reads, values, detail);
    }

    private static String trim(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", "");
    }
}
