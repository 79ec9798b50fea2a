package org.coldwatch.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.coldwatch.gateway.config.GatewayConfig;
import org.coldwatch.gateway.provision.Credentials;
import org.coldwatch.gateway.provision.CredentialsFile;
import org.coldwatch.gateway.provision.ProvisioningClient;
import org.coldwatch.gateway.provision.ProvisioningException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code provision}: exchanges a one-time code from the server for this gateway's credentials and writes them to
 * the credentials file beside the configuration, so a technician never types or sees a secret.
 */
@Command(name = "provision", description = "Exchange a one-time provisioning code from the ColdWatch server for this"
        + " gateway's id, secret and MQTT address, and save them beside the configuration.")
final class ProvisionCommand implements Callable<Integer> {
    /** Exit code when the server refused or could not be reached. */
    static final int EXIT_REFUSED = 1;

    @Option(names = {"-c", "--config"}, defaultValue = "/etc/coldwatch/gateway.yaml", paramLabel = "FILE",
            description = "YAML configuration; credentials go to its gateway.credentialsFile (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--server", required = true, paramLabel = "URL",
            description = "the ColdWatch server's web address, e.g. https://county.example or http://10.0.0.5:8080")
    URI server;

    @Option(names = "--code", required = true, paramLabel = "CODE", description = "the one-time code, e.g. 7KQM-2XPD-9TAE")
    String code;

    @Option(names = "--owner", defaultValue = "coldwatch", paramLabel = "USER",
            description = "when run as root: the user the gateway service runs as, who gets the file"
                    + " (default: ${DEFAULT-VALUE}; '-' keeps root)")
    String owner;

    @Option(names = "--force", description = "replace credentials that are already there")
    boolean force;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (server.getScheme() == null || !server.getScheme().matches("https?") || server.getHost() == null) {
            err.println("--server must be an http:// or https:// address, was '" + server + "'");
            return GatewayCli.EXIT_CONFIG;
        }
        Path credentialsFile = Files.exists(config) ? GatewayConfig.credentialsFileOf(config)
                : config.toAbsolutePath().getParent().resolve("credentials.yaml");
        if (Files.exists(credentialsFile) && !force) {
            err.println(credentialsFile + " exists: this gateway is already provisioned. Use --force to replace its"
                    + " credentials (the old secret stops working on the server).");
            return GatewayCli.EXIT_CONFIG;
        }
        if ("http".equals(server.getScheme()) && !isLoopback(server.getHost())) {
            err.println("warning: " + server + " is not https: the new secret crosses the network in clear");
        }
        Optional<String> fileOwner = "root".equals(System.getProperty("user.name")) && !"-".equals(owner)
                ? Optional.of(owner) : Optional.empty();
        try {
            CredentialsFile.checkWritable(credentialsFile, fileOwner);
        } catch (IOException e) {
            err.println("cannot write " + credentialsFile + ": " + e.getMessage() + " (the code was not used)");
            return GatewayCli.EXIT_CONFIG;
        }
        Credentials credentials;
        try {
            credentials = new ProvisioningClient().exchange(server, code.trim());
        } catch (ProvisioningException e) {
            err.println("provisioning failed: " + e.getMessage());
            return EXIT_REFUSED;
        }
        CredentialsFile.write(credentialsFile, credentials, fileOwner, "from " + server);
        out.println("provisioned as " + credentials.gatewayId() + "; MQTT server " + credentials.serverUri());
        out.println("credentials saved to " + credentialsFile + fileOwner.map(o -> " (owner " + o + ")").orElse(""));
        out.println("next: coldwatch-gateway selftest --config " + config + ", then systemctl restart coldwatch-gateway");
        out.flush();
        return 0;
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
