package org.coldwatch.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VirtualGatewayTest {
    static final long INTERVAL = 1_000_000;
    static final int SUCCESS = 0x00;
    static final int NO_MATCHING_SUBSCRIBERS = 0x10;
    static final int PAYLOAD_FORMAT_INVALID = 0x99;

    final AtomicLong clock = new AtomicLong();
    final AtomicInteger drainedCalls = new AtomicInteger();
    final FleetStats stats = new FleetStats();
    VirtualGateway gateway;

    /** A connection that records what it is handed and can be switched to fail. */
    static final class RecordingConnection implements VirtualGateway.BatchPublisher {
        final List<Published> published = new ArrayList<>();
        boolean broken;

        record Published(PendingBatch batch, int session, byte[] bytes) {
        }

        @Override
        public boolean publish(PendingBatch batch, int session, long publishedNanos) {
            if (broken) {
                return false;
            }
            published.add(new Published(batch, session, batch.payload().clone()));
            return true;
        }

        List<Long> seqs() {
            return published.stream().map(p -> p.batch().seq()).toList();
        }
    }

    @BeforeEach
    void oneGatewayWithAThousandSlots() {
        SendSchedule schedule = new SendSchedule(1, INTERVAL, 0, 1_000 * INTERVAL);
        BatchFactory factory = new BatchFactory(5, 2, 7, INTERVAL, 1_795_420_800_000L);
        gateway = new VirtualGateway(0, "gw-1", schedule, factory, new SimulatedValues(1, 0), stats, 0,
                clock::get, drainedCalls::incrementAndGet);
    }

    int connect(RecordingConnection connection, int window) {
        int session = gateway.connected(window, connection);
        gateway.pump();
        return session;
    }

    void advanceTo(long slots) {
        clock.set(slots * INTERVAL);
        gateway.tick(clock.get());
    }

    void answer(RecordingConnection.Published p, int reasonCode) {
        gateway.answered(p.batch(), p.session(), clock.get(), reasonCode, reasonCode >= 0x80 ? "refused" : null);
    }

    @Test
    void numbersBatchesContiguouslyFromTheFirstSeq() {
        RecordingConnection connection = new RecordingConnection();
        connect(connection, 100);

        advanceTo(4);

        assertThat(connection.seqs()).containsExactly(7L, 8L, 9L, 10L, 11L);
        assertThat(gateway.result().firstSeq()).isEqualTo(7);
        assertThat(gateway.result().lastSeq()).isEqualTo(11);
    }

    @Test
    void neverHasMoreBatchesInFlightThanTheWindowAndSendsTheNextWhenOneIsAnswered() {
        RecordingConnection connection = new RecordingConnection();
        connect(connection, 3);

        advanceTo(9);
        assertThat(connection.published).hasSize(3);
        assertThat(gateway.behind()).isEqualTo(7);

        answer(connection.published.get(0), SUCCESS);
        assertThat(connection.published).hasSize(4);
        assertThat(connection.seqs()).containsExactly(7L, 8L, 9L, 10L);
    }

    @Test
    void fallsBehindWithoutDroppingABatchAndCatchesUpInOrder() {
        RecordingConnection connection = new RecordingConnection();
        connect(connection, 1);
        advanceTo(9);

        for (int i = 0; i < 10; i++) {
            answer(connection.published.get(i), SUCCESS);
        }

        assertThat(connection.seqs()).containsExactly(7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L);
        assertThat(gateway.behind()).isZero();
        assertThat(stats.batchesAcked()).isEqualTo(10);
    }

    @Test
    void resendsWhatWasInFlightWithTheSameSeqAndBytesAfterAReconnect() {
        RecordingConnection first = new RecordingConnection();
        int firstSession = connect(first, 10);
        advanceTo(2);
        answer(first.published.get(0), SUCCESS);

        gateway.connectionLost(firstSession);
        RecordingConnection second = new RecordingConnection();
        connect(second, 10);

        assertThat(second.seqs()).containsExactly(8L, 9L);
        assertThat(second.published.get(0).bytes()).isEqualTo(first.published.get(1).bytes());
        assertThat(stats.resends()).isEqualTo(2);
        assertThat(stats.batchesSent()).isEqualTo(3);
    }

    @Test
    void countsABatchAcknowledgedOnceWhenBothItsOldAndItsResentCopyAreAnswered() {
        RecordingConnection first = new RecordingConnection();
        int firstSession = connect(first, 10);
        advanceTo(0);
        gateway.connectionLost(firstSession);
        RecordingConnection second = new RecordingConnection();
        connect(second, 10);

        answer(first.published.get(0), SUCCESS);
        answer(second.published.get(0), SUCCESS);

        assertThat(stats.batchesAcked()).isEqualTo(1);
        assertThat(gateway.result().batchesAcked()).isEqualTo(1);
        assertThat(gateway.result().unackedAtEnd()).isZero();
    }

    @Test
    void aLateAnswerFromALostConnectionSettlesABatchThatWaitsForResending() {
        RecordingConnection first = new RecordingConnection();
        int firstSession = connect(first, 10);
        advanceTo(0);
        gateway.connectionLost(firstSession);

        answer(first.published.get(0), SUCCESS);
        RecordingConnection second = new RecordingConnection();
        connect(second, 10);

        assertThat(second.published).isEmpty();
        assertThat(stats.batchesAcked()).isEqualTo(1);
    }

    @Test
    void countsARefusalByReasonCodeAndNeverSendsThatBatchAgain() {
        RecordingConnection first = new RecordingConnection();
        int firstSession = connect(first, 10);
        advanceTo(1);

        answer(first.published.get(0), PAYLOAD_FORMAT_INVALID);
        answer(first.published.get(1), NO_MATCHING_SUBSCRIBERS);
        gateway.connectionLost(firstSession);
        RecordingConnection second = new RecordingConnection();
        connect(second, 10);

        assertThat(second.published).isEmpty();
        assertThat(stats.batchesRefused()).isEqualTo(1);
        assertThat(stats.batchesAcked()).as("0x10 is a success").isEqualTo(1);
        assertThat(stats.refusals()).containsOnlyKeys(PAYLOAD_FORMAT_INVALID);
        assertThat(stats.refusals().get(PAYLOAD_FORMAT_INVALID).firstReason).isEqualTo("refused");
    }

    @Test
    void withResendUnroutedANoMatchingSubscribersAnswerSendsTheBatchAgainUntilSomeoneTakesIt() {
        gateway.resendUnrouted(true);
        RecordingConnection connection = new RecordingConnection();
        connect(connection, 10);
        advanceTo(0);

        answer(connection.published.get(0), NO_MATCHING_SUBSCRIBERS);

        assertThat(connection.seqs()).containsExactly(7L, 7L);
        assertThat(stats.batchesAcked()).as("0x10 is no acknowledgement then").isZero();
        answer(connection.published.get(1), SUCCESS);
        assertThat(stats.batchesAcked()).isEqualTo(1);
        assertThat(connection.seqs()).containsExactly(7L, 7L);
    }

    @Test
    void aPublishTheConnectionCannotTakeWaitsForTheNextConnection() {
        RecordingConnection broken = new RecordingConnection();
        broken.broken = true;
        connect(broken, 10);

        advanceTo(1);
        RecordingConnection working = new RecordingConnection();
        connect(working, 10);
        advanceTo(2);

        assertThat(working.seqs()).containsExactly(7L, 8L, 9L);
        assertThat(stats.batchesSent()).isEqualTo(3);
    }

    @Test
    void aClientFailureOnTheCurrentConnectionFreesTheSlotAndResendsTheBatch() {
        RecordingConnection connection = new RecordingConnection();
        int session = connect(connection, 1);
        advanceTo(1);

        gateway.failed(connection.published.get(0).batch(), session);

        assertThat(connection.seqs()).containsExactly(7L, 7L);
    }

    @Test
    void reportsDrainedOnceWhenSchedulingStoppedAndEverythingIsAnswered() {
        RecordingConnection connection = new RecordingConnection();
        connect(connection, 10);
        advanceTo(1);

        gateway.stopScheduling();
        advanceTo(5);
        assertThat(drainedCalls).hasValue(0);
        answer(connection.published.get(0), SUCCESS);
        answer(connection.published.get(1), SUCCESS);
        answer(connection.published.get(1), SUCCESS);

        assertThat(drainedCalls).hasValue(1);
        assertThat(connection.published).as("nothing new after the schedule stopped").hasSize(2);
        assertThat(gateway.offered(5 * INTERVAL)).isEqualTo(6);
    }

    @Test
    void startsAtTheFirstSlotAfterItsFirstConnect() {
        clock.set(3 * INTERVAL + 1);
        RecordingConnection connection = new RecordingConnection();
        connect(connection, 10);

        assertThat(gateway.nextDueNanos(clock.get())).isEqualTo(4 * INTERVAL);
        advanceTo(5);

        assertThat(connection.seqs()).containsExactly(7L, 8L);
        assertThat(connection.published.get(0).batch().intendedNanos()).isEqualTo(4 * INTERVAL);
        assertThat(gateway.offered(5 * INTERVAL)).isEqualTo(2);
    }
}
