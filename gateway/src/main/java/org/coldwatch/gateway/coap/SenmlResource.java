package org.coldwatch.gateway.coap;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.coldwatch.gateway.coap.Admission.Admitted;
import org.coldwatch.gateway.coap.Admission.Refused;
import org.coldwatch.gateway.outbox.OutboxException;
import org.coldwatch.gateway.sensor.ReadingIntake;
import org.coldwatch.protocol.Reading;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /senml}: the thin CoAP edge of the ingress. Hands each request to {@link PackAdmission}, stores an
 * admitted pack through {@link ReadingIntake#accept} (durable in the outbox; readings a node sent again after a lost
 * answer are recognised by {@link RecentReadings} and stored once) and only then answers 2.04; a refusal
 * is answered with its code and diagnostic, counted, and logged once ({@link RefusalLog}). An outbox that cannot store, or a measurement
 * time ahead of the gateway clock, is answered 5.03 with Max-Age, so the node keeps its readings and retries.
 *
 * <p>Runs on Californium's protocol-stage threads; the outbox commit blocks one of them for the length of an fsync.
 */
final class SenmlResource extends CoapResource {
    private static final Logger LOG = LoggerFactory.getLogger(SenmlResource.class);
    /** The path segment nodes POST to (docs/protocol.md, "Wireless sensor nodes: CoAP + SenML"). */
    static final String PATH = "senml";
    /** Seconds a node should wait before retrying after 5.03 (Max-Age, RFC 7252 section 5.9.3.4). */
    static final int RETRY_AFTER_SECONDS = 10;
    private static final int MAX_DIAGNOSTIC_CHARS = 400;

    private final PackAdmission admission;
    private final ReadingIntake intake;
    private final CoapStats stats;
    private final Clock clock;
    private final int maxPayloadBytes;
    private final RecentReadings recent = new RecentReadings();
    private final RefusalLog refusals;

    SenmlResource(PackAdmission admission, ReadingIntake intake, CoapStats stats, Clock clock, int maxPayloadBytes) {
        super(PATH);
        this.admission = admission;
        this.intake = intake;
        this.stats = stats;
        this.clock = clock;
        this.maxPayloadBytes = maxPayloadBytes;
        this.refusals = new RefusalLog(clock);
        getAttributes().setTitle("SenML measurements of wireless nodes (POST, Content-Format 110 or 112)");
    }

    @Override
    public void handlePOST(CoapExchange exchange) {
        Request request = exchange.advanced().getRequest();
        Optional<String> identity = pskIdentity(request.getSourceContext().getPeerIdentity());
        Instant now = clock.instant();
        Admission admission = this.admission.admit(request.getPayload(), request.getOptions().getContentFormat(),
                identity, now);
        if (admission instanceof Refused refused) {
            refuse(exchange, refused, request.getSourceContext().getPeerAddress(), "");
            return;
        }
        Admitted pack = (Admitted) admission;
        try {
            store(pack);
        } catch (OutboxException e) {
            // The cause (file, SQLite code) goes to the log only, not to the node.
            refuse(exchange, Refused.of(CoapStats.OUTBOX_UNAVAILABLE, CoapCodes.SERVICE_UNAVAILABLE,
                    "the gateway cannot store readings right now; retry in " + RETRY_AFTER_SECONDS + " s"),
                    request.getSourceContext().getPeerAddress(), " cause=" + e.getMessage());
            return;
        }
        stats.recordAccepted(pack, now);
        LOG.debug("coap: node={} accepted readings={} health={} peer={}", pack.nodeId(), pack.readings().size(),
                pack.health().size(), request.getSourceContext().getPeerAddress());
        exchange.respond(ResponseCode.CHANGED);
    }

    /** Stores the readings not stored before; one at a time, so that two copies of a pack cannot both pass. */
    private synchronized void store(Admitted pack) {
        List<Reading> fresh = recent.unseen(pack.nodeId(), pack.readings());
        int resent = pack.readings().size() - fresh.size();
        if (resent > 0) {
            stats.recordResent(resent);
            LOG.info("coap: node={} sent {} of {} readings again (a lost answer); stored once", pack.nodeId(), resent,
                    pack.readings().size());
        }
        intake.accept("coap:" + pack.nodeId(), fresh);
        recent.remember(pack.nodeId(), fresh);
    }

    private void refuse(CoapExchange exchange, Refused refused, InetSocketAddress peer, String cause) {
        stats.recordRefusal(refused.reason());
        refusals.refused(peer.getAddress(), peer.getPort(), refused, cause);
        Response response = new Response(ResponseCode.valueOf(refused.coapCode()));
        String diagnostic = refused.diagnostic();
        response.setPayload(diagnostic.length() <= MAX_DIAGNOSTIC_CHARS ? diagnostic
                : diagnostic.substring(0, MAX_DIAGNOSTIC_CHARS - 3) + "...");
        response.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
        if (refused.coapCode() == CoapCodes.REQUEST_ENTITY_TOO_LARGE) {
            response.getOptions().setSize1(maxPayloadBytes);
        }
        if (refused.coapCode() == CoapCodes.SERVICE_UNAVAILABLE) {
            response.getOptions().setMaxAge(RETRY_AFTER_SECONDS);
        }
        exchange.respond(response);
    }

    private static Optional<String> pskIdentity(Principal peer) {
        return peer instanceof PreSharedKeyIdentity psk ? Optional.of(psk.getIdentity()) : Optional.empty();
    }
}
