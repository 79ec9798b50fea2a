package org.coldwatch.demo;

import java.time.Instant;
import java.util.List;
import org.coldwatch.gateway.sensor.SensorSource;
import org.coldwatch.protocol.Reading;
import org.coldwatch.sim.standin.RandomWalkRoom;

/**
 * TEMPORARY: feeds a stand-in room to a gateway as a {@link SensorSource}. It lives here, not in the gateway, so the
 * gateway's production path never sees it; once the simulator issue lands, simulated rooms reach the gateway
 * through Pi4J, 1-Wire files and CoAP instead, and this class goes away.
 */
final class SimulatedRoomSource implements SensorSource {
    private final String name;
    private final RandomWalkRoom room;

    SimulatedRoomSource(String name, RandomWalkRoom room) {
        this.name = name;
        this.room = room;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Reading> read(Instant now) {
        return room.read(now);
    }
}
