package org.coldwatch.sim.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.coldwatch.sim.scenario.Scenario;
import org.coldwatch.sim.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Lists the built-in scenarios. */
@Command(name = "scenarios", mixinStandardHelpOptions = true,
        description = "List the built-in scenarios with what they show.")
final class ScenariosCommand implements Callable<Integer> {

    @Option(names = {"-v", "--verbose"}, description = "also print each scenario's description and signature")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (String name : ScenarioLoader.builtInNames()) {
            Scenario s = ScenarioLoader.builtIn(name);
            out.printf("%-22s %-9s %s%n", name, s.duration().toString().substring(2).toLowerCase(), s.title());
            if (verbose) {
                out.printf("%24s%s%n%24sshows: %s%n%n", "", s.description(), "", s.signature());
            }
        }
        out.flush();
        return 0;
    }
}
