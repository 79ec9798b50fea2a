package org.coldwatch.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.coldwatch.gateway.outbox.SqliteOutbox;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaneSchedulerTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    @TempDir
    Path dir;

    private static List<Reading> readings(int count, int startSecond) {
        List<Reading> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(Reading.of("air", ReadingKind.TEMPERATURE, 4.0, T0.plusSeconds(startSecond + i)));
        }
        return list;
    }

    @Test
    void sendsLiveFirstThenEveryBatchSealedBeforeTheReconnectThenNothingTwice() {
        try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("o.db"), "gw-1", 10,
                Clock.fixed(T0, ZoneOffset.UTC))) {
            // GIVEN batches 1 and 2 sealed and in flight when the previous connection dropped, 10 readings pending
            outbox.append(readings(30, 0));
            assertThat(outbox.nextToSend(2)).hasSize(2);

            // WHEN a new connection starts
            LaneScheduler scheduler = new LaneScheduler(outbox, new InflightLanes(20), 4);
            List<String> sent = new ArrayList<>();
            LaneScheduler.Next next;
            while ((next = scheduler.next()).step() == LaneScheduler.Step.PUBLISH) {
                sent.add(next.lane() + ":" + next.batch().seq());
            }

            // THEN the readings appended lately go live (seq 3), and the backlog still sends 1 and 2, once each
            assertThat(sent).containsExactly("LIVE:3", "BACKLOG:1", "BACKLOG:2");
            assertThat(next.step()).isEqualTo(LaneScheduler.Step.NOTHING_TO_SEND);

            outbox.append(readings(5, 100));
            assertThat(scheduler.next()).extracting(LaneScheduler.Next::lane, n -> n.batch().seq())
                    .containsExactly(InflightLanes.Lane.LIVE, 4L);
            assertThat(scheduler.next().step()).isEqualTo(LaneScheduler.Step.NOTHING_TO_SEND);
        }
    }

    @Test
    void reportsAFullWindowUntilAnAnswerFreesAPlace() {
        try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("o.db"), "gw-1", 10,
                Clock.fixed(T0, ZoneOffset.UTC))) {
            outbox.append(readings(100, 0));
            outbox.nextToSend(10);
            LaneScheduler scheduler = new LaneScheduler(outbox, new InflightLanes(2), 4);

            LaneScheduler.Next first = scheduler.next();
            assertThat(first.step()).isEqualTo(LaneScheduler.Step.PUBLISH);
            assertThat(first.lane()).isEqualTo(InflightLanes.Lane.BACKLOG);
            assertThat(scheduler.next().step()).isEqualTo(LaneScheduler.Step.WINDOW_FULL);

            scheduler.freed(first.batch().seq());

            assertThat(scheduler.next().batch().seq()).isEqualTo(first.batch().seq() + 1);
        }
    }
}
