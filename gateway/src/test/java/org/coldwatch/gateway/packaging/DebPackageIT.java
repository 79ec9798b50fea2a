package org.coldwatch.gateway.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The .deb the build just made, read with Debian's own {@code dpkg-deb}: it installs the program, the launcher, the
 * hardened unit, the configuration as conffiles, and its maintainer scripts create the service user and folders.
 */
class DebPackageIT {
    static Path deb;

    @BeforeAll
    static void findPackage() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            deb = files.filter(f -> f.getFileName().toString().matches("coldwatch-gateway_.*_all\\.deb"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no .deb in target/: run mvn package"));
        }
    }

    static String dpkgDeb(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("dpkg-deb"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void controlNamesThePackageItsJavaAndTheConffiles() throws Exception {
        String info = dpkgDeb("--info", deb.toString());

        assertThat(info).contains("Package: coldwatch-gateway").contains("Architecture: all")
                .contains("Depends: openjdk-17-jre-headless | java17-runtime-headless, adduser")
                .contains("postinst").contains("prerm").contains("postrm");
        assertThat(dpkgDeb("--info", deb.toString(), "conffiles"))
                .contains("/etc/coldwatch/gateway.yaml").contains("/etc/default/coldwatch-gateway");
    }

    @Test
    void contentsHoldProgramLauncherUnitAndConfiguration() throws Exception {
        String contents = dpkgDeb("--contents", deb.toString());

        assertThat(contents).containsPattern("-rw-r--r-- root/root .* ./usr/share/coldwatch-gateway/coldwatch-gateway.jar")
                .containsPattern("./usr/share/coldwatch-gateway/lib/org.eclipse.paho.mqttv5.client-[0-9.]+\\.jar")
                .containsPattern("./usr/share/coldwatch-gateway/lib/sqlite-jdbc-[0-9.]+\\.jar")
                .containsPattern("-rwxr-xr-x root/root .* ./usr/bin/coldwatch-gateway")
                .contains("./lib/systemd/system/coldwatch-gateway.service")
                .containsPattern("-rw-r----- root/root .* ./etc/coldwatch/gateway.yaml")
                .contains("./etc/default/coldwatch-gateway")
                .contains("./usr/share/doc/coldwatch-gateway/README.md")
                .contains("./usr/share/doc/coldwatch-gateway/SENSORS.md")
                .contains("./usr/share/doc/coldwatch-gateway/coap-nodes.md")
                .containsPattern("./usr/share/coldwatch-gateway/lib/pi4j-plugin-linuxfs-[0-9.]+\\.jar");
        assertThat(contents).as("test-only simulated hardware is not shipped")
                .doesNotContain("firmware-sim").doesNotContain("junit");
    }

    @Test
    void theUnitRunsAsTheServiceUserHardenedAndAlwaysRestarting() throws Exception {
        Path unpacked = Files.createTempDirectory("deb");
        dpkgDeb("--extract", deb.toString(), unpacked.toString());
        String unit = Files.readString(unpacked.resolve("lib/systemd/system/coldwatch-gateway.service"));

        assertThat(unit).contains("User=coldwatch").contains("Restart=always").contains("RestartPreventExitStatus=2")
                .contains("ExecStart=/usr/bin/coldwatch-gateway run --config /etc/coldwatch/gateway.yaml")
                .contains("NoNewPrivileges=yes").contains("ProtectSystem=strict").contains("CapabilityBoundingSet=\n")
                .contains("StateDirectory=coldwatch").contains("DevicePolicy=closed");
        String defaults = Files.readString(unpacked.resolve("etc/default/coldwatch-gateway"));
        assertThat(defaults).contains("-XX:+UseSerialGC").contains("-Xmx").contains("-XX:SharedArchiveFile=")
                .contains("export MALLOC_ARENA_MAX");
    }

    @Test
    void maintainerScriptsCreateTheUserAndFoldersAndAreValidShell() throws Exception {
        Path control = Files.createTempDirectory("deb-control");
        dpkgDeb("--control", deb.toString(), control.toString());

        String postinst = Files.readString(control.resolve("postinst"));
        assertThat(postinst).contains("adduser --system --group").contains("install -d -o coldwatch -g coldwatch")
                .contains("-XX:ArchiveClassesAtExit=");
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Process check = new ProcessBuilder("sh", "-n", control.resolve(script).toString())
                    .redirectErrorStream(true).start();
            assertThat(check.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(check.exitValue()).as(script + " parses").isZero();
        }
    }
}
