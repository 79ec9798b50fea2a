package org.coldwatch.demo;

import java.time.Instant;
import java.util.List;
import org.coldwatch.gateway.sensor.SensorSource;
import org.coldwatch.protocol.Reading;
import org.coldwatch.sim.scenario.LiveSimulation;

/**
 * Feeds a firmware-sim room, running in real time, to a gateway as one {@link SensorSource}: every sensor of the
 * scenario at once, with the simulator's noise, drift, dropouts and door contact.
 *
 * <p>It lives in the demo, not the gateway, so the gateway's production path never sees it. Once the gateway has its
 * Pi4J, 1-Wire and CoAP drivers (the gateway issue), the demo's rooms reach the gateway the way hardware does —
 * through firmware-sim's Pi4J plugin, 1-Wire folder and CoAP nodes — and this class goes away.
 */
final class SimulatedRoomSource implements SensorSource {
    private final String name;
    private final LiveSimulation room;

    SimulatedRoomSource(String name, LiveSimulation room) {
        this.name = name;
        this.room = room;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Reading> read(Instant now) {
        return room.read();
    }
}
