package org.coldwatch.sim.cli;

import java.nio.file.Path;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.sim.hardware.ScenarioHardware;
import org.coldwatch.sim.onewire.Ds18b20Folder;
import org.coldwatch.sim.onewire.Ds18b20Probe;
import org.coldwatch.sim.scenario.SensorSpec;
import org.coldwatch.sim.scenario.Simulation;
import org.coldwatch.sim.sensor.SensorChannel;

/** The scenario's {@code ds18b20} sensors as w1 sysfs files in a folder a gateway reads, rewritten every moment. */
final class OneWireTarget implements ReadingTarget {
    private final Path root;
    private Ds18b20Folder folder;
    private int probes;
    private long updates;

    OneWireTarget(Path root) {
        this.root = root;
    }

    @Override
    public void accept(Simulation sim) {
        if (folder == null) {
            folder = new Ds18b20Folder(root);
            for (SensorSpec sensor : sim.scenario().sensors()) {
                if (sensor.type().equals("ds18b20") && sensor.oneWireId() != null) {
                    SensorChannel channel = sim.channel(sensor.id(), ReadingKind.TEMPERATURE);
                    folder.add(new Ds18b20Probe(ScenarioHardware.romId(sensor.oneWireId()),
                            () -> channel.peek(sim.now())));
                    probes++;
                }
            }
        }
        folder.update();
        updates++;
    }

    @Override
    public String summary() {
        return probes + " DS18B20 probes in " + root + ", rewritten " + updates + " times";
    }

    @Override
    public void close() {
        if (folder != null) {
            folder.close();
        }
    }
}
