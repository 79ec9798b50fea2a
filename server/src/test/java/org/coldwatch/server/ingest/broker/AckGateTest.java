package org.coldwatch.server.ingest.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AckGateTest {
    private final AckGate gate = new AckGate();

    @Test
    void answersAMessageOnceOnTheConnectionItCameOn() {
        long token = gate.admit(7);

        assertThat(gate.pendingCount()).isEqualTo(1);
        assertThat(gate.release(token, 7)).isTrue();
        assertThat(gate.release(token, 7)).as("a second answer for the same copy").isFalse();
        assertThat(gate.pendingCount()).isZero();
    }

    @Test
    void neverAnswersOnANewConnectionWhatCameOnALostOne() {
        long old = gate.admit(7);
        gate.connectionLost();
        long redelivered = gate.admit(7);

        assertThat(gate.release(old, 7)).as("the old copy's answer would acknowledge the redelivered one").isFalse();
        assertThat(gate.release(redelivered, 7)).isTrue();
    }

    @Test
    void aSecondCopyWithAPendingIdIsNotAnsweredTheFirstCopysAnswerCoversIt() {
        long first = gate.admit(7);

        assertThat(gate.admit(7)).isEqualTo(AckGate.NO_ANSWER);
        assertThat(gate.release(first, 7)).isTrue();
        assertThat(gate.admit(7)).as("the id is free again once answered").isNotEqualTo(AckGate.NO_ANSWER);
    }
}
