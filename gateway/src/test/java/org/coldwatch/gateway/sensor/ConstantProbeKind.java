package org.coldwatch.gateway.sensor;

import java.util.List;
import java.util.Set;
import org.coldwatch.gateway.config.SensorSpec;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;

/**
 * A sensor kind that exists only on the test class path, registered through this module's test
 * {@code META-INF/services}: stands in for a third-party kind such as an RS-485 Modbus probe. Parameter
 * {@code celsius} (required).
 */
public final class ConstantProbeKind implements SensorKind {

    @Override
    public String name() {
        return "test-constant";
    }

    @Override
    public void validate(SensorSpec spec) {
        new SensorParams(spec, Set.of("celsius")).decimal("celsius", 0, -60, 80);
    }

    @Override
    public SensorSource create(SensorSpec spec, SensorContext ctx) {
        SensorParams p = new SensorParams(spec, Set.of("celsius"));
        if (!spec.params().containsKey("celsius")) {
            throw p.bad("celsius", "missing");
        }
        double celsius = p.decimal("celsius", 0, -60, 80);
        return new PolledSource(spec.id(), name(),
                now -> List.of(Reading.of(spec.id(), ReadingKind.TEMPERATURE, celsius, now)));
    }
}
