package org.coldwatch.sim.coap;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedPskStore;

/**
 * Californium and Scandium configuration shared by the nodes and by test gateways. Configurations are built in
 * memory ({@code Configuration.createStandardWithoutFile()}), never from or into a {@code Californium3.properties}
 * file in the working directory.
 */
final class CoapSetup {
    /**
     * The cipher suite every CoAP endpoint in PreSharedKey mode must implement (RFC 7252 section 9.1.3.1).
     */
    static final CipherSuite PSK_CIPHER_SUITE = CipherSuite.TLS_PSK_WITH_AES_128_CCM_8;
    private static final String HEX = "hex:";
    private static final String BASE64 = "base64:";
    /** ACK_RANDOM_FACTOR (RFC 7252 section 4.8). */
    private static final float ACK_RANDOM_FACTOR = 1.5f;
    /** The retransmission timeout doubles each time (RFC 7252 section 4.2). */
    private static final float ACK_TIMEOUT_SCALE = 2.0f;

    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    private CoapSetup() {
    }

    /** A configuration with the node's CoAP transmission parameters (RFC 7252 section 4.8). */
    static Configuration configuration(NodeConfig node) {
        Configuration config = Configuration.createStandardWithoutFile();
        long ackMillis = node.ackTimeout().toMillis();
        config.set(CoapConfig.ACK_TIMEOUT, ackMillis, TimeUnit.MILLISECONDS);
        config.set(CoapConfig.ACK_INIT_RANDOM, ACK_RANDOM_FACTOR);
        config.set(CoapConfig.ACK_TIMEOUT_SCALE, ACK_TIMEOUT_SCALE);
        config.set(CoapConfig.MAX_RETRANSMIT, node.maxRetransmit());
        // Let the doubling run its course: Californium caps a single timeout at MAX_ACK_TIMEOUT (default 60 s).
        config.set(CoapConfig.MAX_ACK_TIMEOUT, ackMillis << Math.min(node.maxRetransmit() + 1, 20),
                TimeUnit.MILLISECONDS);
        // Handshake flights are retransmitted on the same schedule as CoAP messages (RFC 6347 section 4.2.4.1 starts
        // at 1 s); a scenario that speeds up CoAP speeds up DTLS with it. A gateway that does not know the identity or
        // the key stays silent (no alert), so a failed handshake shows as this timeout.
        config.set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, ackMillis, TimeUnit.MILLISECONDS);
        config.set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, node.maxRetransmit());
        return config;
    }

    /** A configuration for a gateway-side test server: Californium's defaults, in memory. */
    static Configuration serverConfiguration() {
        return Configuration.createStandardWithoutFile();
    }

    /**
     * DTLS 1.2 in PSK mode with the RFC 7252 cipher suite, for one role.
     *
     * @param store the node's single identity and key, or a gateway's keys by identity
     */
    static DtlsConnectorConfig.Builder dtls(Configuration config, DtlsRole role, AdvancedPskStore store) {
        return DtlsConnectorConfig.builder(config)
                .set(DtlsConfig.DTLS_ROLE, role)
                .setAsList(DtlsConfig.DTLS_CIPHER_SUITES, PSK_CIPHER_SUITE)
                .setAdvancedPskStore(store);
    }

    /**
     * The key bytes of a pre-shared key written as the gateway's {@code coap.nodes[].psk} is: {@code hex:…} or
     * {@code base64:…} for raw bytes, any other text for its UTF-8 bytes (as libcoap's {@code -k} takes it).
     *
     * @throws IllegalArgumentException if a {@code hex:} or {@code base64:} key does not decode
     */
    static byte[] keyBytes(String psk) {
        if (psk.startsWith(HEX)) {
            return HexFormat.of().parseHex(psk.substring(HEX.length()));
        }
        if (psk.startsWith(BASE64)) {
            return Base64.getDecoder().decode(psk.substring(BASE64.length()));
        }
        return psk.getBytes(StandardCharsets.UTF_8);
    }
}
