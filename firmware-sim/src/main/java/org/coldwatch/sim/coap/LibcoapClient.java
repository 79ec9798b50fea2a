package org.coldwatch.sim.coap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian's libcoap command-line clients ({@code coap-client-notls}, {@code coap-client-openssl} from
 * {@code libcoap3-bin}) posting a file, as a real third-party node would: the interop check of every CoAP endpoint
 * (firmware-sim's receiver, the gateway's server).
 */
public final class LibcoapClient {
    /** The plain-UDP client. */
    public static final String NOTLS = "coap-client-notls";
    /** The client with DTLS (pre-shared keys with {@code -u IDENTITY -k KEY}). */
    public static final String OPENSSL = "coap-client-openssl";

    private static final Logger LOG = LoggerFactory.getLogger(LibcoapClient.class);
    private static final long TIMEOUT_SECONDS = 30;

    private LibcoapClient() {
    }

    /**
     * Runs {@code client -m post -t CONTENT_FORMAT -f PAYLOAD OPTIONS… URI} and returns its combined output: a
     * response's code and payload, or nothing for a bare 2.04.
     *
     * @throws IllegalStateException if the client does not finish within 30 s
     */
    public static String post(String client, String uri, Path payload, int contentFormat, List<String> options)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(client, "-m", "post", "-t", String.valueOf(contentFormat),
                "-f", payload.toString()));
        command.addAll(options);
        command.add(uri);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException(client + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            LOG.info("libcoap: {} exit={} output:\n{}", client, process.exitValue(), output);
            return output;
        } finally {
            process.destroyForcibly();
        }
    }
}
