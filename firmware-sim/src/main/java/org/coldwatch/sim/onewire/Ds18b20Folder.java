package org.coldwatch.sim.onewire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DS18B20 probes published the way Linux shows them under {@code /sys/bus/w1/devices/}, in a folder the gateway is
 * configured to read instead.
 *
 * <p>Layout (Linux {@code Documentation/w1/w1-generic.rst}; on a Pi, {@code /sys/bus/w1/devices/w1_bus_master1} and
 * {@code /sys/bus/w1/devices/28-*} are symlinks into {@code /sys/devices/w1_bus_master1/}). Symlinks are not portable,
 * so both views are written as real folders:
 * <pre>
 * root/                                  = /sys/bus/w1/devices
 *   w1_bus_master1/w1_master_slaves      one slave name per line, or "not found."
 *   w1_bus_master1/w1_master_slave_count
 *   w1_bus_master1/28-xxxxxxxxxxxx/w1_slave, name
 *   28-xxxxxxxxxxxx/w1_slave, name       the same slave as the bus's devices view shows it
 * </pre>
 *
 * <p>Design: files change only in {@link #update()}, called by whoever owns the clock (a simulated room's tick), or
 * every period by {@link #startUpdating(Duration)}. Each update performs one kernel read per probe and rewrites its
 * {@code w1_slave} by writing a temporary file and renaming it, so a reader sees either the old or the new text, never
 * half of one. A probe that is {@code missing} has its folders removed and leaves the slave list, as after the
 * kernel's next bus search; one that fails a transfer gets an empty {@code w1_slave}, which is what a modern kernel's
 * read returns when the probe does not answer. The text format is {@link W1Text}'s.
 */
public final class Ds18b20Folder implements AutoCloseable {

    /** The first bus master's folder name (Linux {@code w1_bus_master%d}, numbered from 1). */
    public static final String BUS_MASTER = "w1_bus_master1";
    /** The slave's temperature file of the {@code w1_therm} driver. */
    public static final String W1_SLAVE = "w1_slave";

    private static final Logger LOG = LoggerFactory.getLogger(Ds18b20Folder.class);
    private static final Scratchpad NEVER_READ = Scratchpad.ofBytes(new byte[9]);

    private final Path root;
    private final Map<RomId, Slave> slaves = new LinkedHashMap<>();
    private ScheduledExecutorService updater;
    private String listing;

    /** A probe on the bus and what the kernel remembers about it. */
    private static final class Slave {
        final Ds18b20Probe probe;
        boolean published;
        Scratchpad lastGood = NEVER_READ;

        Slave(Ds18b20Probe probe) {
            this.probe = probe;
        }
    }

    /**
     * Creates the bus master's folder with an empty slave list.
     *
     * @param root the folder standing in for {@code /sys/bus/w1/devices}
     * @throws UncheckedIOException when the folder cannot be written
     */
    public Ds18b20Folder(Path root) {
        this.root = Objects.requireNonNull(root, "root");
        try {
            Files.createDirectories(root.resolve(BUS_MASTER));
            writeSlaveList(List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create 1-Wire folder " + root, e);
        }
    }

    /** The folder standing in for {@code /sys/bus/w1/devices}. */
    public Path root() {
        return root;
    }

    /**
     * The {@code w1_slave} path of a probe in the devices view, {@code root/28-xxxxxxxxxxxx/w1_slave}.
     *
     * @param id the probe's ROM code
     * @return the path (which exists only while the probe is published)
     */
    public Path slaveFile(RomId id) {
        return root.resolve(id.sysfsName()).resolve(W1_SLAVE);
    }

    /**
     * Puts a probe on the bus; it appears at the next {@link #update()}.
     *
     * @param probe the probe
     * @return the probe
     * @throws IllegalStateException when a probe with the same ROM code is already on the bus
     */
    public synchronized Ds18b20Probe add(Ds18b20Probe probe) {
        if (slaves.putIfAbsent(probe.id(), new Slave(probe)) != null) {
            throw new IllegalStateException("a probe " + probe.id().sysfsName() + " is already on the bus");
        }
        return probe;
    }

    /**
     * Takes a probe off the bus and removes its folders now.
     *
     * @param id the probe's ROM code
     * @throws UncheckedIOException when the folder cannot be written
     */
    public synchronized void remove(RomId id) {
        Slave slave = slaves.remove(id);
        if (slave != null) {
            try {
                unpublish(slave);
                writeSlaveList(publishedNames());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + id.sysfsName() + " from " + root, e);
            }
        }
    }

    /**
     * Reads every probe once and rewrites the folder.
     *
     * @throws UncheckedIOException when the folder cannot be written
     */
    public synchronized void update() {
        try {
            for (Slave slave : slaves.values()) {
                if (slave.probe.faults().missing()) {
                    unpublish(slave);
                } else {
                    publish(slave);
                }
            }
            writeSlaveList(publishedNames());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update 1-Wire folder " + root, e);
        }
    }

    /**
     * Calls {@link #update()} now and then every {@code period} on a daemon thread until {@link #close()}. An update
     * that fails is logged and retried at the next period.
     *
     * @param period time between updates, e.g. the 750 ms a 12-bit conversion takes (DS18B20 datasheet, t_CONV max)
     * @throws IllegalStateException when already updating
     */
    public synchronized void startUpdating(Duration period) {
        if (updater != null) {
            throw new IllegalStateException("already updating " + root);
        }
        updater = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ds18b20-folder");
            thread.setDaemon(true);
            return thread;
        });
        updater.scheduleWithFixedDelay(this::scheduledUpdate, 0, period.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Stops the scheduled updates, if any, and waits (up to five seconds) for an update in progress to finish, so the
     * folder can be deleted afterwards. The files stay.
     */
    @Override
    public void close() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = updater;
            updater = null;
        }
        if (stopping == null) {
            return;
        }
        stopping.shutdown();
        try {
            if (!stopping.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("ds18b20-folder root={} update still running after 5 s", root);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void scheduledUpdate() {
        try {
            update();
        } catch (UncheckedIOException e) {
            LOG.warn("ds18b20-folder root={} update failed: {}", root, e.getCause().toString());
        }
    }

    private void publish(Slave slave) throws IOException {
        String name = slave.probe.id().sysfsName();
        List<Path> dirs = slaveDirs(name);
        if (!slave.published) {
            for (Path dir : dirs) {
                Files.createDirectories(dir);
                AtomicFiles.write(dir.resolve("name"), name + "\n");
            }
            slave.published = true;
        }
        String text = slave.probe.read().map(read -> {
            if (read.crcValid()) {
                slave.lastGood = read;
            }
            return W1Text.w1Slave(read, slave.lastGood);
        }).orElse("");
        for (Path dir : dirs) {
            AtomicFiles.write(dir.resolve(W1_SLAVE), text);
        }
    }

    private void unpublish(Slave slave) throws IOException {
        for (Path dir : slaveDirs(slave.probe.id().sysfsName())) {
            AtomicFiles.deleteTree(dir);
        }
        if (slave.published) {
            LOG.debug("ds18b20-folder root={} slave={} removed", root, slave.probe.id().sysfsName());
        }
        slave.published = false;
        slave.lastGood = NEVER_READ;
    }

    private List<Path> slaveDirs(String name) {
        return List.of(root.resolve(BUS_MASTER).resolve(name), root.resolve(name));
    }

    private List<String> publishedNames() {
        List<String> names = new ArrayList<>();
        slaves.values().stream().filter(s -> s.published).forEach(s -> names.add(s.probe.id().sysfsName()));
        return names;
    }

    private void writeSlaveList(List<String> names) throws IOException {
        String text = W1Text.masterSlaves(names);
        if (text.equals(listing)) {
            return;
        }
        Path master = root.resolve(BUS_MASTER);
        AtomicFiles.write(master.resolve("w1_master_slaves"), text);
        AtomicFiles.write(master.resolve("w1_master_slave_count"), names.size() + "\n");
        listing = text;
    }
}
