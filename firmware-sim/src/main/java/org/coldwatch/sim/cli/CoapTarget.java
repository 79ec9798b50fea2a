package org.coldwatch.sim.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.sim.coap.CoapNodes;
import org.coldwatch.sim.coap.NodeConfig;
import org.coldwatch.sim.coap.NodeSensors;
import org.coldwatch.sim.scenario.SensorSpec;
import org.coldwatch.sim.scenario.Simulation;
import org.coldwatch.sim.sensor.SensorChannel;

/**
 * The scenario's {@code coap-node} sensors as CoAP nodes posting SenML to a gateway, one round per moment, stamped
 * with the simulated time. Wired sensors are not radio nodes and are left out.
 */
final class CoapTarget implements ReadingTarget {
    private final URI gateway;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);
    private CoapNodes nodes;

    CoapTarget(URI gateway) {
        this.gateway = gateway;
    }

    @Override
    public void accept(Simulation sim) {
        now.set(sim.now());
        if (nodes == null) {
            nodes = CoapNodes.against(gateway, new SimulatedClock(now));
            for (SensorSpec sensor : sim.scenario().sensors()) {
                if (sensor.type().equals("coap-node")) {
                    add(sim, sensor.id());
                }
            }
            if (nodes.nodes().isEmpty()) {
                throw new IllegalArgumentException("scenario " + sim.scenario().name() + " has no coap-node sensor");
            }
        }
        nodes.sendAllNow().toCompletableFuture().join();
    }

    private void add(Simulation sim, String sensor) {
        SensorChannel temperature = sim.channel(sensor, ReadingKind.TEMPERATURE);
        SensorChannel humidity = sim.channel(sensor, ReadingKind.HUMIDITY);
        try {
            nodes.add(NodeConfig.of(sensor), NodeSensors.of(() -> temperature.peek(sim.now()),
                    () -> humidity.peek(sim.now())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String summary() {
        return nodes == null ? "no rounds sent" : "CoAP nodes " + nodes.counts();
    }

    @Override
    public void close() {
        if (nodes != null) {
            nodes.close();
        }
    }

    /** A clock that reads the simulation's time. */
    static final class SimulatedClock extends Clock {
        private final AtomicReference<Instant> now;

        SimulatedClock(AtomicReference<Instant> now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
