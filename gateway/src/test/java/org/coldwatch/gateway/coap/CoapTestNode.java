package org.coldwatch.gateway.coap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.coldwatch.protocol.senml.SenmlFormat;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.exception.ConnectorException;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * A Californium client standing in for a node in tests: its own endpoint on 127.0.0.1 and a free port (plain, or
 * DTLS with a PSK identity and key), configured in memory, with short retransmission timeouts so that a request
 * nobody answers (failed handshake) gives up within seconds.
 */
final class CoapTestNode implements AutoCloseable {
    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    private final CoapEndpoint endpoint;
    private final CoapClient client;

    private CoapTestNode(CoapEndpoint endpoint, String uri) {
        this.endpoint = endpoint;
        this.client = new CoapClient(uri).setEndpoint(endpoint).useCONs().setTimeout(20_000L);
    }

    /** A plain CoAP client posting to {@code server}'s /senml. */
    static CoapTestNode plain(InetSocketAddress server) {
        CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(configuration())
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build();
        return new CoapTestNode(endpoint, "coap://127.0.0.1:" + server.getPort() + "/senml");
    }

    /** A DTLS client with PSK {@code identity} and {@code key} posting to {@code server}'s /senml. */
    static CoapTestNode dtls(InetSocketAddress server, String identity, byte[] key) {
        Configuration config = configuration();
        DTLSConnector connector = new DTLSConnector(DtlsConnectorConfig.builder(config)
                .set(DtlsConfig.DTLS_ROLE, DtlsRole.CLIENT_ONLY)
                .setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CaliforniumNodeServer.PSK_CIPHER_SUITE)
                .setAdvancedPskStore(new AdvancedSinglePskStore(identity, key))
                .setAddress(new InetSocketAddress("127.0.0.1", 0)).build());
        CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(config).setConnector(connector).build();
        return new CoapTestNode(endpoint, "coaps://127.0.0.1:" + server.getPort() + "/senml");
    }

    private static Configuration configuration() {
        Configuration config = Configuration.createStandardWithoutFile();
        config.set(CoapConfig.ACK_TIMEOUT, 500, TimeUnit.MILLISECONDS);
        config.set(CoapConfig.MAX_RETRANSMIT, 2);
        // One request per post: no automatic block-wise retry after a 4.13 (RFC 7959 section 2.9.3).
        config.set(CoapConfig.BLOCKWISE_ENTITY_TOO_LARGE_AUTO_FAILOVER, false);
        config.set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, 500, TimeUnit.MILLISECONDS);
        config.set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, 2);
        return config;
    }

    /** POSTs {@code json} as application/senml+json. */
    CoapResponse postJson(String json) throws ConnectorException, IOException {
        return post(json.getBytes(StandardCharsets.UTF_8), SenmlFormat.JSON.contentFormat());
    }

    /**
     * POSTs a payload with a Content-Format (-1: none).
     *
     * @return the answer, or {@code null} when none came (timeout, failed handshake)
     */
    CoapResponse post(byte[] payload, int contentFormat) throws ConnectorException, IOException {
        Request request = Request.newPost();
        request.setPayload(payload);
        if (contentFormat >= 0) {
            request.getOptions().setContentFormat(contentFormat);
        }
        return client.advanced(request);
    }

    @Override
    public void close() {
        client.shutdown();
        endpoint.destroy();
    }
}
