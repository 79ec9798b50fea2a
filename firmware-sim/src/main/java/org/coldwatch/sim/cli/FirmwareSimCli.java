package org.coldwatch.sim.cli;

import org.coldwatch.sim.fleet.FleetCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code firmware-sim}: simulated cold rooms, their sensors and a fleet of virtual gateways. */
@Command(name = "firmware-sim", mixinStandardHelpOptions = true, version = "0.1.0",
        description = "Simulated cold rooms, sensors and gateways for ColdWatch.",
        subcommands = {ScenariosCommand.class, RunCommand.class, FleetCommand.class})
public final class FirmwareSimCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The command line, with bad input reported as one line (exit 2) instead of a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FirmwareSimCli());
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof java.io.UncheckedIOException) {
                command.getErr().println("firmware-sim: " + e.getMessage());
                command.getErr().flush();
                return 2;
            }
            throw e;
        });
        return cli;
    }

    /** Entry point. */
    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            // Our own name, so a logback.xml of whatever else is on the class path never takes over.
            System.setProperty("logback.configurationFile", "coldwatch-firmware-sim-logback.xml");
        }
        System.exit(commandLine().execute(args));
    }
}
