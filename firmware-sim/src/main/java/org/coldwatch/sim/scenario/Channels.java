package org.coldwatch.sim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.coldwatch.sim.room.ColdRoom;
import org.coldwatch.sim.room.Lot;
import org.coldwatch.sim.sensor.ErrorModel;
import org.coldwatch.sim.sensor.Measurand;
import org.coldwatch.sim.sensor.SensorChannel;

/** Turns a scenario's sensors into channels that look at the room. */
final class Channels {
    private Channels() {
    }

    static Map<String, List<SensorChannel>> build(Scenario scenario) {
        Map<String, List<SensorChannel>> bySensor = new LinkedHashMap<>();
        for (SensorSpec spec : scenario.sensors()) {
            List<SensorChannel> channels = new ArrayList<>();
            long seed = scenario.seed() * 1_000_003L + spec.id().hashCode();
            double dropout = spec.dropoutProbability() == null ? 0 : spec.dropoutProbability();
            double offset = spec.offset() == null ? 0 : spec.offset();
            switch (spec.type()) {
                case "sht3x", "coap-node" -> {
                    channels.add(channel(scenario, spec, airMeasurand(spec), airTruth(spec),
                            ErrorModel.sht3xTemperature().withOffset(offset).withDropoutProbability(dropout), seed));
                    double rhOffset = spec.humidityOffset() == null ? 0 : spec.humidityOffset();
                    channels.add(channel(scenario, spec, Measurand.AIR_HUMIDITY, ColdRoom::relativeHumidityPercent,
                            ErrorModel.sht3xHumidity().withOffset(rhOffset).withDropoutProbability(dropout),
                            seed + 1));
                }
                case "ds18b20" -> {
                    ErrorModel errors = ErrorModel.ds18b20().withOffset(offset).withDropoutProbability(dropout);
                    if (spec.lot() != null) {
                        String lotId = spec.lot();
                        channels.add(channel(scenario, spec, Measurand.PRODUCE_TEMPERATURE,
                                room -> lotOrNaN(room, lotId, Lot::celsius), errors, seed));
                    } else {
                        channels.add(channel(scenario, spec, airMeasurand(spec), airTruth(spec), errors, seed));
                    }
                }
                case "hx711" -> {
                    double tare = spec.tareKg() == null ? 0 : spec.tareKg();
                    List<String> lots = spec.lots();
                    channels.add(channel(scenario, spec, Measurand.WEIGHT,
                            room -> tare + lots.stream().mapToDouble(id -> lotOrZero(room, id)).sum(),
                            ErrorModel.loadCell().withOffset(offset).withDropoutProbability(dropout), seed));
                }
                case "door-contact" -> channels.add(channel(scenario, spec, Measurand.DOOR,
                        room -> room.doorOpen() ? 1 : 0, ErrorModel.NONE, seed));
                default -> throw new IllegalArgumentException("sensor type " + spec.type());
            }
            bySensor.put(spec.id(), List.copyOf(channels));
        }
        return bySensor;
    }

    private static SensorChannel channel(Scenario scenario, SensorSpec spec, Measurand measurand,
                                         ToDoubleFunction<ColdRoom> truth, ErrorModel errors, long seed) {
        return new SensorChannel(spec.id(), measurand, truth, errors, seed, scenario.start());
    }

    private static Measurand airMeasurand(SensorSpec spec) {
        String position = spec.position() == null ? "return-air" : spec.position();
        return switch (position) {
            case "return-air", "middle" -> Measurand.AIR_TEMPERATURE;
            case "door" -> Measurand.DOOR_ZONE_TEMPERATURE;
            case "outside" -> Measurand.OUTSIDE_TEMPERATURE;
            default -> throw new IllegalArgumentException("sensor '" + spec.id() + "': position '" + position
                    + "', known: return-air, middle, door, outside");
        };
    }

    private static ToDoubleFunction<ColdRoom> airTruth(SensorSpec spec) {
        return switch (airMeasurand(spec)) {
            case DOOR_ZONE_TEMPERATURE -> ColdRoom::doorZoneCelsius;
            case OUTSIDE_TEMPERATURE -> ColdRoom::outsideCelsius;
            default -> ColdRoom::airCelsius;
        };
    }

    private static double lotOrNaN(ColdRoom room, String lotId, ToDoubleFunction<Lot> value) {
        for (Lot lot : room.lots()) {
            if (lot.id().equals(lotId)) {
                return value.applyAsDouble(lot);
            }
        }
        return Double.NaN;
    }

    private static double lotOrZero(ColdRoom room, String lotId) {
        double mass = lotOrNaN(room, lotId, Lot::massKg);
        return Double.isNaN(mass) ? 0 : mass;
    }
}
