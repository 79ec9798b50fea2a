package org.coldwatch.sim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.coldwatch.protocol.Reading;
import org.coldwatch.sim.scenario.Sample;
import org.coldwatch.sim.scenario.Simulation;

/** One line per reading: time, sensor, kind, value, unit; with --truth also one line of room state per moment. */
final class CsvTarget implements ReadingTarget {
    private final PrintWriter out;
    private final boolean truth;
    private final boolean closeOut;
    private long readings;

    CsvTarget(PrintWriter out, boolean truth, boolean closeOut) {
        this.out = out;
        this.truth = truth;
        this.closeOut = closeOut;
        out.println(truth ? "time,sensor,kind,value,unit,truth" : "time,sensor,kind,value,unit");
    }

    @Override
    public void accept(Simulation sim) {
        for (Reading r : sim.read()) {
            readings++;
            out.printf(Locale.ROOT, "%s,%s,%s,%s,%s%s%n", r.measuredAt(), r.sensorId(), r.kind().wireName(),
                    r.value(), r.kind().unit(), truth ? "," : "");
        }
        if (truth) {
            Sample s = Sample.of(sim);
            out.printf(Locale.ROOT, "%s,room,state,,,air=%.3f rh=%.2f door=%s compressor=%s heater=%s "
                            + "humidifier=%s power=%s network=%s%n", s.at(), s.airCelsius(),
                    s.relativeHumidityPercent(), s.doorOpen(), s.compressorCooling(), s.heaterOn(),
                    s.humidifierOn(), s.powered(), s.networkUp());
        }
        if (out.checkError()) {
            throw new UncheckedIOException(new IOException("cannot write CSV output"));
        }
    }

    @Override
    public String summary() {
        return readings + " readings written";
    }

    @Override
    public void close() {
        out.flush();
        if (closeOut) {
            out.close();
        }
    }
}
