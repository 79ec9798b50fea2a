package org.coldwatch.server.ingest;

import java.nio.file.Path;

/**
 * The TLS listener of the built-in MQTT endpoint (TLS 1.2 and 1.3 only).
 *
 * @param certFile PEM certificate chain, the server's certificate first
 * @param keyFile  PEM private key (PKCS#8 or PKCS#1)
 * @param port     port to bind (0 for any free port)
 */
public record MqttTls(Path certFile, Path keyFile, int port) {
}
