package org.coldwatch.sim.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.coldwatch.sim.scenario.Simulation;

/** Where {@code firmware-sim run} sends what the simulated sensors read, one moment at a time. */
interface ReadingTarget extends AutoCloseable {

    /** Takes the readings (and, if wanted, the true state) of one moment. */
    void accept(Simulation sim);

    /** What was sent, for the closing line. */
    String summary();

    @Override
    void close();

    /** Opens a target from its command-line form. */
    static ReadingTarget open(String target, boolean truth, PrintWriter stdout) throws IOException {
        if (target.equals("csv")) {
            return new CsvTarget(stdout, truth, false);
        }
        if (target.startsWith("csv:")) {
            return new CsvTarget(new PrintWriter(new OutputStreamWriter(
                    Files.newOutputStream(Path.of(target.substring(4))), StandardCharsets.UTF_8)), truth, true);
        }
        if (target.startsWith("coap://")) {
            return new CoapTarget(URI.create(target));
        }
        if (target.startsWith("onewire:")) {
            return new OneWireTarget(Path.of(target.substring("onewire:".length())));
        }
        throw new IllegalArgumentException("unknown --target '" + target + "'; use csv, csv:FILE, onewire:DIR "
                + "or coap://HOST:PORT/PATH");
    }
}
