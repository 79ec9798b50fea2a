package org.coldwatch.sim.coap;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.coldwatch.protocol.senml.NodeReport;
import org.coldwatch.protocol.senml.SenmlCodec;
import org.coldwatch.protocol.senml.SenmlException;
import org.coldwatch.protocol.senml.SenmlFormat;
import org.coldwatch.protocol.senml.SenmlLimits;
import org.coldwatch.protocol.senml.SenmlPack;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;

/**
 * A stand-in for the gateway's CoAP ingress, on a real Californium server at 127.0.0.1 and a free port: decodes every
 * POST to {@code /senml} with the protocol's codec and name scheme, records what arrived and answers as the contract
 * says (2.04; 4.00/4.13/4.15 with the diagnostic; 4.03 when a DTLS identity posts another node's pack). Its switch
 * {@link #holdAnswers()} accepts requests with an empty ACK and answers only on {@link #releaseHeld()}.
 */
public final class SenmlReceiver implements AutoCloseable {

    /** One accepted pack. */
    public record Received(NodeReport report, SenmlPack pack, SenmlFormat format, String pskIdentity, Instant at) {
    }

    private final Clock clock;
    private final CoapServer server;
    private final CoapEndpoint endpoint;
    private final String scheme;
    private final List<Received> packs = new CopyOnWriteArrayList<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private final List<CoapExchange> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicBoolean holding = new AtomicBoolean();

    private SenmlReceiver(Clock clock, CoapEndpoint endpoint, String scheme) {
        this.clock = clock;
        this.endpoint = endpoint;
        this.scheme = scheme;
        this.server = new CoapServer(CoapSetup.serverConfiguration());
        server.addEndpoint(endpoint);
        server.add(new SenmlResource());
        server.start();
    }

    /** A plain CoAP receiver. */
    public static SenmlReceiver plain(Clock clock) {
        Configuration config = CoapSetup.serverConfiguration();
        return new SenmlReceiver(clock, new CoapEndpoint.Builder().setConfiguration(config)
                .setInetSocketAddress(loopback()).build(), "coap");
    }

    /** A CoAP-over-DTLS receiver that knows the pre-shared keys {@code keysByNodeId}. */
    static SenmlReceiver dtls(Clock clock, Map<String, String> keysByNodeId) {
        Configuration config = CoapSetup.serverConfiguration();
        AdvancedMultiPskStore store = new AdvancedMultiPskStore();
        keysByNodeId.forEach((id, key) -> store.setKey(id, CoapSetup.keyBytes(key)));
        DTLSConnector connector = new DTLSConnector(CoapSetup.dtls(config, DtlsRole.SERVER_ONLY, store)
                .setAddress(loopback()).build());
        return new SenmlReceiver(clock, new CoapEndpoint.Builder().setConfiguration(config).setConnector(connector)
                .build(), "coaps");
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    public URI uri() {
        return URI.create(scheme + "://127.0.0.1:" + endpoint.getAddress().getPort() + "/senml");
    }

    public List<Received> packs() {
        return List.copyOf(packs);
    }

    List<String> refusals() {
        return List.copyOf(refusals);
    }

    int requests() {
        return requests.get();
    }

    void holdAnswers() {
        holding.set(true);
    }

    /** Answers every held request (2.04 for those that decoded) and stops holding. */
    void releaseHeld() {
        holding.set(false);
        held.forEach(this::handle);
        held.clear();
    }

    int heldCount() {
        return held.size();
    }

    @Override
    public void close() {
        server.destroy();
    }

    private final class SenmlResource extends CoapResource {
        SenmlResource() {
            super("senml");
        }

        @Override
        public void handlePOST(CoapExchange exchange) {
            requests.incrementAndGet();
            if (holding.get()) {
                exchange.accept();
                held.add(exchange);
                return;
            }
            handle(exchange);
        }
    }

    private void handle(CoapExchange exchange) {
        Request request = exchange.advanced().getRequest();
        int contentFormat = request.getOptions().getContentFormat();
        try {
            SenmlPack pack = SenmlCodec.decode(request.getPayload(), contentFormat);
            NodeReport report = NodeReport.of(pack.resolve(clock.instant()));
            String identity = pskIdentity(request.getSourceContext().getPeerIdentity());
            if (identity != null && !identity.equals(report.nodeId())) {
                refuse(exchange, ResponseCode.FORBIDDEN, "node '" + report.nodeId() + "' posted under DTLS identity '"
                        + identity + "'");
                return;
            }
            packs.add(new Received(report, pack, SenmlFormat.ofContentFormat(contentFormat).orElseThrow(), identity,
                    clock.instant()));
            exchange.respond(ResponseCode.CHANGED);
        } catch (SenmlException e) {
            Response response = refusal(ResponseCode.valueOf(e.problem().coapCode()), e.diagnostic());
            if (e.problem() == SenmlException.Problem.PACK_TOO_LARGE) {
                response.getOptions().setSize1(SenmlLimits.MAX_PACK_BYTES);
            }
            refusals.add(e.diagnostic());
            exchange.respond(response);
        }
    }

    private void refuse(CoapExchange exchange, ResponseCode code, String diagnostic) {
        refusals.add(diagnostic);
        exchange.respond(refusal(code, diagnostic));
    }

    private static Response refusal(ResponseCode code, String diagnostic) {
        Response response = new Response(code);
        response.setPayload(diagnostic);
        response.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
        return response;
    }

    private static String pskIdentity(Principal peer) {
        return peer instanceof PreSharedKeyIdentity psk ? psk.getIdentity() : null;
    }
}
