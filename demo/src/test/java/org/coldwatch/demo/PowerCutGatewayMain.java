package org.coldwatch.demo;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.coldwatch.gateway.app.Gateway;
import org.coldwatch.gateway.config.GatewayConfig;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;

/**
 * A real gateway in its own JVM for {@link PowerCutIT}: sends its outbox to the server and feeds numbered readings
 * into it, until killed. Reading {@code n} is measured at {@code T0 + n ms}, so its number is its identity on the
 * server too.
 *
 * <p>The journal file says which readings were durably appended: {@code begin A B} is written before appending
 * readings A…B, {@code done B} after the append returned (the outbox's commit is durable then). A kill between the
 * two leaves A…B undecided: they may or may not be in the outbox. The next run continues after the last begun number.
 *
 * <p>Arguments: {@code serverUri gatewayId secret outboxFile journalFile}.
 */
public final class PowerCutGatewayMain {
    /** Reading n is measured at T0 + n ms. */
    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    static final int PER_APPEND = 10;

    private PowerCutGatewayMain() {
    }

    public static void main(String[] args) throws Exception {
        GatewayConfig config = GatewayConfig.builder(args[1], args[2])
                .serverUri(args[0])
                .outboxPath(Path.of(args[3]))
                .maxReadingsPerBatch(50)
                .inflight(20)
                .backoffInitialMillis(50)
                .backoffMaxMillis(200)
                .build();
        Path journal = Path.of(args[4]);
        long next = lastBegun(journal) + 1;
        Gateway gateway = Gateway.start(config, List.of(), Clock.systemUTC());
        try (FileOutputStream out = new FileOutputStream(journal.toFile(), true)) {
            while (true) {
                long last = next + PER_APPEND - 1;
                write(out, "begin " + next + " " + last);
                List<Reading> chunk = new ArrayList<>(PER_APPEND);
                for (long n = next; n <= last; n++) {
                    chunk.add(Reading.of("probe-" + (n % 8), ReadingKind.TEMPERATURE, (n % 500) / 10.0,
                            T0.plusMillis(n)));
                }
                gateway.outbox().append(chunk);
                write(out, "done " + last);
                next = last + 1;
                Thread.sleep(2);
            }
        } finally {
            gateway.close();
        }
    }

    /** Unbuffered: each line is in the kernel before the next step, so a SIGKILL cannot lose it. */
    private static void write(FileOutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    static long lastBegun(Path journal) throws IOException {
        if (!Files.exists(journal)) {
            return 0;
        }
        long last = 0;
        for (String line : Files.readAllLines(journal, StandardCharsets.US_ASCII)) {
            String[] parts = line.split(" ");
            if (parts[0].equals("begin") && parts.length == 3) {
                last = Long.parseLong(parts[2]);
            }
        }
        return last;
    }
}
