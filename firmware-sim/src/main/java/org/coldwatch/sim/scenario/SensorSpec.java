package org.coldwatch.sim.scenario;

import java.util.List;

/**
 * One sensor in a scenario file: what device it is, where it sits, and how it is wired to the gateway. Only the
 * fields its type needs are set; the others stay null.
 *
 * @param id          sensor id, as readings carry it
 * @param type        {@code sht3x} (temperature and humidity over I2C), {@code ds18b20} (1-Wire temperature probe),
 *                    {@code hx711} (load cell), {@code door-contact} (reed switch on GPIO), {@code coap-node}
 *                    (wireless temperature and humidity node posting SenML over CoAP)
 * @param position    for air sensors: {@code return-air}, {@code middle}, {@code door} or {@code outside}
 * @param lot         for a produce core probe: the lot it is pushed into
 * @param lots        for a load cell: the lots standing on it
 * @param tareKg      for a load cell: the weight of bins and pallets on it
 * @param i2cBus      for SHT3x: I2C bus number (1 on a Raspberry Pi)
 * @param i2cAddress  for SHT3x: 0x44 (ADDR low) or 0x45 (ADDR high)
 * @param clockPin    for HX711: BCM number of the PD_SCK pin
 * @param dataPin     for HX711: BCM number of the DOUT pin
 * @param pin         for a door contact: BCM number of its input
 * @param oneWireId   for DS18B20: its 1-Wire id, e.g. {@code 28-00000a1b2c3d}
 * @param offset      calibration offset of its (first) channel
 * @param humidityOffset calibration offset of an SHT3x or node humidity channel, %RH
 * @param dropoutProbability chance that one reading is missing
 */
public record SensorSpec(String id, String type, String position, String lot, List<String> lots, Double tareKg,
                         Integer i2cBus, Integer i2cAddress, Integer clockPin, Integer dataPin, Integer pin,
                         String oneWireId, Double offset, Double humidityOffset, Double dropoutProbability) {

    /** The sensor types the simulator knows. */
    public static final List<String> TYPES = List.of("sht3x", "ds18b20", "hx711", "door-contact", "coap-node");

    public SensorSpec {
        lots = lots == null ? List.of() : List.copyOf(lots);
    }
}
