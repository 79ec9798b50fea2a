package org.coldwatch.sim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code firmware-sim}: simulated cold rooms, their sensors and a fleet of virtual gateways. */
@Command(name = "firmware-sim", mixinStandardHelpOptions = true, version = "0.1.0",
        description = "Simulated cold rooms, sensors and gateways for ColdWatch.",
        subcommands = {ScenariosCommand.class, RunCommand.class})
public final class FirmwareSimCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new FirmwareSimCli()).execute(args));
    }
}
