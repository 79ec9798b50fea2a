package org.coldwatch.sim.room;

/**
 * The unit's controller: a thermostat with a differential on the return-air temperature, anti-short-cycle timers,
 * and timed defrost (compressor and fans off, heater on). Faults: a failed compressor (the thermostat calls, the
 * contactor closes, nothing cools) and a stuck defrost heater (on all the time). A power cut stops everything and
 * restarts the controller when power returns, as a real one would.
 */
public final class RefrigerationUnit {
    private final RefrigerationSpec spec;
    private double setpointCelsius;
    private boolean demand;
    private boolean compressorOn;
    private boolean defrosting;
    private double sinceSwitchSeconds = Double.MAX_VALUE / 2;
    private double sinceDefrostSeconds;
    private double defrostElapsedSeconds;
    private boolean powered = true;
    private boolean compressorFailed;
    private boolean heaterStuck;
    private long starts;
    private long defrosts;
    private double compressorRunSeconds;

    RefrigerationUnit(RefrigerationSpec spec) {
        this.spec = spec;
        this.setpointCelsius = spec.setpointCelsius();
    }

    void control(double returnAirCelsius, double dt) {
        if (!powered) {
            compressorOn = false;
            defrosting = false;
            return;
        }
        sinceSwitchSeconds += dt;
        sinceDefrostSeconds += dt;
        if (defrosting) {
            defrostElapsedSeconds += dt;
            if (defrostElapsedSeconds >= spec.defrostMinutes() * 60) {
                defrosting = false;
                sinceDefrostSeconds = 0;
            }
        } else if (spec.defrostIntervalHours() > 0 && sinceDefrostSeconds >= spec.defrostIntervalHours() * 3600) {
            defrosting = true;
            defrosts++;
            defrostElapsedSeconds = 0;
        }
        if (returnAirCelsius > setpointCelsius + spec.differentialK() / 2) {
            demand = true;
        } else if (returnAirCelsius < setpointCelsius - spec.differentialK() / 2) {
            demand = false;
        }
        boolean wanted = demand && !defrosting;
        if (wanted != compressorOn
                && sinceSwitchSeconds >= (compressorOn ? spec.minRunSeconds() : spec.minOffSeconds())) {
            compressorOn = wanted;
            sinceSwitchSeconds = 0;
            if (wanted) {
                starts++;
            }
        }
        if (compressorCooling()) {
            compressorRunSeconds += dt;
        }
    }

    /** Whether the compressor is actually moving heat out. */
    public boolean compressorCooling() {
        return powered && compressorOn && !compressorFailed;
    }

    /** Whether the controller has the compressor switched on (it may have failed). */
    public boolean compressorCalled() {
        return powered && compressorOn;
    }

    /** Whether the evaporator fans run (always, except during defrost and without power). */
    public boolean fansOn() {
        return powered && !defrosting;
    }

    /** Whether the defrost heater is on. */
    public boolean heaterOn() {
        return powered && (defrosting || heaterStuck);
    }

    /** Whether a timed defrost is under way. */
    public boolean defrosting() {
        return defrosting;
    }

    void setPowered(boolean on) {
        if (on && !powered) {
            sinceSwitchSeconds = 0;
            sinceDefrostSeconds = 0;
            demand = false;
        }
        powered = on;
    }

    void setCompressorFailed(boolean failed) {
        compressorFailed = failed;
    }

    void setHeaterStuck(boolean stuck) {
        heaterStuck = stuck;
    }

    void setSetpoint(double celsius) {
        setpointCelsius = celsius;
    }

    /** The thermostat's set point now. */
    public double setpointCelsius() {
        return setpointCelsius;
    }

    /** The unit's specification. */
    public RefrigerationSpec spec() {
        return spec;
    }

    /** Compressor starts so far. */
    public long starts() {
        return starts;
    }

    /** Defrosts so far. */
    public long defrosts() {
        return defrosts;
    }

    /** Seconds the compressor has been cooling. */
    public double compressorRunSeconds() {
        return compressorRunSeconds;
    }
}
