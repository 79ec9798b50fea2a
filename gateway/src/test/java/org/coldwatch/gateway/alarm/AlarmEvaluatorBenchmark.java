package org.coldwatch.gateway.alarm;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.settings.AlarmRule;
import org.threeten.extra.MutableClock;

/**
 * Not a test: measures what the local alarm costs the sampler thread per reading (docs/benchmarks.md, "Local alarm
 * evaluator"). 32 sensors, 34 rules (one per sensor with no-data, plus two prefix rules), sampling rounds of 32
 * readings with one tick per round, values wandering across the thresholds so that alarms are raised and cleared.
 */
public final class AlarmEvaluatorBenchmark {
    private AlarmEvaluatorBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        MutableClock clock = MutableClock.of(Instant.parse("2026-12-03T00:00:00Z"), ZoneOffset.UTC);
        AlarmEvaluator evaluator = new AlarmEvaluator(clock, Duration.ofMinutes(30));
        List<AlarmRule> rules = new ArrayList<>();
        for (int s = 0; s < 32; s++) {
            rules.add(new AlarmRule("warm-" + s, "room" + (s % 4) + "-t" + s, ReadingKind.TEMPERATURE, 8.0, null, 60,
                    0.5, 600));
        }
        rules.add(new AlarmRule("frozen", "*", ReadingKind.TEMPERATURE, null, -1.0, 0, 0.5, 0));
        rules.add(new AlarmRule("room0-hot", "room0-*", ReadingKind.TEMPERATURE, 12.0, null, 300, 1.0, 0));
        evaluator.replaceRules(new AlarmRules(rules));
        long events = 0;
        for (int warm = 0; warm < 2; warm++) {
            events += run(evaluator, clock, rounds / 10);
        }
        long start = System.nanoTime();
        events += run(evaluator, clock, rounds);
        long elapsed = System.nanoTime() - start;
        long readings = 32L * rounds;
        System.out.printf("rounds=%d readings=%d events=%d total=%.1f ms per-reading=%.0f ns per-round=%.1f µs%n",
                rounds, readings, events, elapsed / 1e6, (double) elapsed / readings, elapsed / 1e3 / rounds);
    }

    private static long run(AlarmEvaluator evaluator, MutableClock clock, int rounds) {
        long events = 0;
        List<Reading> round = new ArrayList<>(32);
        for (int r = 0; r < rounds; r++) {
            clock.add(Duration.ofSeconds(1));
            round.clear();
            for (int s = 0; s < 32; s++) {
                double celsius = 4.0 + 6.0 * Math.sin((r + s * 37) / 500.0);
                round.add(Reading.of("room" + (s % 4) + "-t" + s, ReadingKind.TEMPERATURE, celsius, clock.instant()));
            }
            events += evaluator.observe(round).size();
            events += evaluator.tick().size();
        }
        return events;
    }
}
