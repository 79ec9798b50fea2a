package org.coldwatch.sim.coap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import org.coldwatch.protocol.senml.SenmlFormat;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * One node's CoAP client: its own endpoint (UDP, or DTLS with the node id as PSK identity) on its own port, behind
 * the node's {@link Radio}, and a Californium {@link CoapClient} that posts confirmable requests to the gateway.
 */
final class CoapLink implements AutoCloseable {
    private final URI gateway;
    private final CoapEndpoint endpoint;
    private final CoapClient client;

    private CoapLink(URI gateway, CoapEndpoint endpoint) {
        this.gateway = gateway;
        this.endpoint = endpoint;
        this.client = new CoapClient(gateway).setEndpoint(endpoint).useCONs();
    }

    /**
     * Opens the node's endpoint on an ephemeral port (on loopback when the gateway is on loopback).
     *
     * @param executor runs Californium's protocol stage and timers; owned by the caller
     * @throws IOException if the socket cannot be opened
     * @throws IllegalArgumentException if the URI scheme does not fit the node (coaps with a PSK, coap without)
     */
    static CoapLink open(NodeConfig node, URI gateway, Radio radio, ScheduledExecutorService executor)
            throws IOException {
        String expected = node.psk().isPresent() ? "coaps" : "coap";
        if (!expected.equals(gateway.getScheme())) {
            throw new IllegalArgumentException("node " + node.nodeId() + ": gateway URI " + gateway + " must use "
                    + expected + "://" + (node.psk().isPresent() ? " (the node has a DTLS key)" : " (no DTLS key)"));
        }
        InetAddress host = InetAddress.getByName(gateway.getHost());
        InetSocketAddress bind = new InetSocketAddress(host.isLoopbackAddress() ? host : null, 0);
        Configuration config = CoapSetup.configuration(node);
        CoapEndpoint.Builder builder = new CoapEndpoint.Builder().setConfiguration(config)
                .setLoggingTag(node.nodeId());
        if (node.psk().isPresent()) {
            AdvancedSinglePskStore store = new AdvancedSinglePskStore(node.nodeId(),
                    CoapSetup.keyBytes(node.psk().get()));
            builder.setConnector(new RadioDtlsConnector(CoapSetup.dtls(config, DtlsRole.CLIENT_ONLY, store)
                    .setAddress(bind).setLoggingTag(node.nodeId()).build(), radio));
        } else {
            builder.setConnector(new RadioUdpConnector(bind, config, radio));
        }
        CoapEndpoint endpoint = builder.build();
        endpoint.setExecutors(executor, executor);
        endpoint.start();
        return new CoapLink(gateway, endpoint);
    }

    /**
     * Posts a pack as a confirmable request; Californium retransmits it until acknowledged or MAX_RETRANSMIT is
     * exhausted (RFC 7252 section 4.2).
     *
     * @return completes with the gateway's answer ({@link SendResult#answered}), or with
     *         {@link SendResult.Outcome#NO_RESPONSE} and the reason when no answer came (timeout, DTLS handshake
     *         failure, send error); never completes exceptionally
     */
    CompletableFuture<SendResult> post(byte[] payload, SenmlFormat format, int records) {
        Request request = Request.newPost();
        request.setURI(gateway);
        request.setConfirmable(true);
        request.setPayload(payload);
        request.getOptions().setContentFormat(format.contentFormat());
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        client.advanced(new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                result.complete(SendResult.answered(response.getCode(), response.getResponseText(), records));
            }

            @Override
            public void onError() {
                result.complete(SendResult.noResponse(whyNoResponse(request), records));
            }
        }, request);
        return result;
    }

    private static String whyNoResponse(Request request) {
        if (request.getSendError() != null) {
            return "send failed: " + request.getSendError();
        }
        if (request.isTimedOut()) {
            return "no acknowledgement: retransmissions exhausted";
        }
        if (request.isRejected()) {
            return "rejected by the gateway (RST)";
        }
        return request.isCanceled() ? "cancelled" : "no response";
    }

    /** Local address of the node's endpoint. */
    InetSocketAddress address() {
        return endpoint.getAddress();
    }

    @Override
    public void close() {
        client.shutdown();
        endpoint.destroy();
    }
}
