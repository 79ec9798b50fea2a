package org.coldwatch.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import org.coldwatch.gateway.uplink.InflightLanes.Lane;
import org.junit.jupiter.api.Test;

class InflightLanesTest {
    @Test
    void backlogCannotTakeThePlacesReservedForLiveReadings() {
        InflightLanes lanes = new InflightLanes(100, 1000);
        int backlog = 0;
        while (lanes.tryStart(Lane.BACKLOG)) {
            backlog++;
        }

        assertThat(backlog).isEqualTo(90);
        assertThat(lanes.backlogRoom()).isZero();
        for (int i = 0; i < 10; i++) {
            assertThat(lanes.tryStart(Lane.LIVE)).as("live place %d", i).isTrue();
        }
        assertThat(lanes.tryStart(Lane.LIVE)).isFalse();
    }

    @Test
    void backlogStaysBelowItsOwnCapInALargeWindow() {
        InflightLanes lanes = new InflightLanes(1000);
        int backlog = 0;
        while (lanes.tryStart(Lane.BACKLOG)) {
            backlog++;
        }

        assertThat(backlog).isEqualTo(InflightLanes.MAX_BACKLOG_IN_FLIGHT);
        assertThat(lanes.tryStart(Lane.LIVE)).isTrue();
    }

    @Test
    void liveMayUseTheWholeWindowWhenThereIsNoBacklog() {
        InflightLanes lanes = new InflightLanes(20);
        for (int i = 0; i < 20; i++) {
            assertThat(lanes.tryStart(Lane.LIVE)).isTrue();
        }

        assertThat(lanes.tryStart(Lane.BACKLOG)).isFalse();
        lanes.finished(Lane.LIVE);
        assertThat(lanes.tryStart(Lane.BACKLOG)).isTrue();
    }

    @Test
    void aFinishedPublishGivesItsPlaceBack() {
        InflightLanes lanes = new InflightLanes(10);
        for (int i = 0; i < 9; i++) {
            lanes.tryStart(Lane.BACKLOG);
        }
        assertThat(lanes.tryStart(Lane.BACKLOG)).isFalse();

        lanes.finished(Lane.BACKLOG);

        assertThat(lanes.backlogRoom()).isEqualTo(1);
        assertThat(lanes.tryStart(Lane.BACKLOG)).isTrue();
        assertThat(lanes.inFlight()).isEqualTo(9);
    }

    @Test
    void aWindowOfOneIsShared() {
        InflightLanes lanes = new InflightLanes(1);

        assertThat(lanes.tryStart(Lane.BACKLOG)).isTrue();
        assertThat(lanes.tryStart(Lane.LIVE)).isFalse();
        lanes.finished(Lane.BACKLOG);
        assertThat(lanes.tryStart(Lane.LIVE)).isTrue();
    }
}
