package org.coldwatch.gateway.coap;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.coldwatch.gateway.config.CoapNode;
import org.coldwatch.gateway.config.CoapSettings;
import org.coldwatch.gateway.coap.Admission.Admitted;
import org.coldwatch.gateway.coap.Admission.Refused;
import org.coldwatch.protocol.MeasurementTimeCheck;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.senml.NodeHealth;
import org.coldwatch.protocol.senml.NodeReport;
import org.coldwatch.protocol.senml.SenmlCodec;
import org.coldwatch.protocol.senml.SenmlException;
import org.coldwatch.protocol.senml.SenmlPack;

/**
 * Decides, without I/O, whether one POSTed pack enters the gateway. A flat chain of steps, each of which may refuse:
 * {@code size → decode (RFC 8428 + ColdWatch names, units, ranges) → authorise the node → plausible times → map
 * sensor ids}. The first refusal wins and carries a stable reason label, the CoAP code and a diagnostic.
 *
 * <p>Authorisation: over DTLS the handshake already proved the PSK identity, which must equal the pack's node id
 * (4.03 {@code identity_mismatch}). Over plain CoAP the node must be configured (4.03 {@code unknown_node}) and must
 * not have a key (4.01 {@code dtls_required}: a node that has a key is only believed over DTLS).
 *
 * <p>Times: the server refuses a telemetry batch with a reading more than {@link MeasurementTimeCheck#DEFAULT}'s 5
 * minutes ahead of its clock or older than its 180 days, together with other sensors' good readings, so such packs
 * are stopped here. Too old can never become right: 4.00 {@code time_too_old}. Ahead is answered 5.03
 * {@code time_ahead}, so the node keeps the readings and retries: a gateway without a real-time clock may boot with
 * a stale clock and only later synchronise, and the node's readings must not be lost meanwhile.
 */
public final class PackAdmission {
    /** Refusal label: the node is not in {@code coap.nodes}. */
    public static final String UNKNOWN_NODE = "unknown_node";
    /** Refusal label: a node that has a pre-shared key posted over plain CoAP. */
    public static final String DTLS_REQUIRED = "dtls_required";
    /** Refusal label: the pack names a node other than the DTLS identity that sent it. */
    public static final String IDENTITY_MISMATCH = "identity_mismatch";
    /** Refusal label: a measurement time more than 5 minutes ahead of the gateway clock (answered 5.03). */
    public static final String TIME_AHEAD = "time_ahead";
    /** Refusal label: a measurement time more than 180 days behind the gateway clock (answered 4.00). */
    public static final String TIME_TOO_OLD = "time_too_old";

    private final CoapSettings settings;
    private final Duration maxAhead;
    private final Duration maxBehind;

    /** Admission for the nodes and limits of {@code settings}, with the wire contract's time window. */
    public PackAdmission(CoapSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.maxAhead = MeasurementTimeCheck.DEFAULT.maxAhead();
        this.maxBehind = MeasurementTimeCheck.DEFAULT.maxBehind();
    }

    /**
     * Judges one request.
     *
     * @param payload       the request body
     * @param contentFormat the CoAP Content-Format option, -1 when absent
     * @param pskIdentity   the DTLS PSK identity the request came under; empty over plain CoAP
     * @param now           the gateway's clock at arrival: relative SenML times count from it
     */
    public Admission admit(byte[] payload, int contentFormat, Optional<String> pskIdentity, Instant now) {
        if (payload.length > settings.maxPayloadBytes()) {
            return Refused.of(SenmlException.Problem.PACK_TOO_LARGE.label(), CoapCodes.REQUEST_ENTITY_TOO_LARGE,
                    "pack is " + payload.length + " bytes; the limit is " + settings.maxPayloadBytes());
        }
        NodeReport report;
        try {
            SenmlPack pack = SenmlCodec.decode(payload, contentFormat);
            report = NodeReport.of(pack.resolve(now));
        } catch (SenmlException e) {
            return new Refused(e.problem().label(), e.problem().coapCode(), e.diagnostic());
        }
        Optional<Refused> unauthorised = authorise(report.nodeId(), pskIdentity);
        if (unauthorised.isPresent()) {
            return unauthorised.get();
        }
        Optional<Refused> implausible = checkTimes(report, now);
        if (implausible.isPresent()) {
            return implausible.get();
        }
        CoapNode node = settings.node(report.nodeId()).orElseThrow();
        List<Reading> readings = new ArrayList<>(report.readings().size());
        for (Reading r : report.readings()) {
            readings.add(Reading.of(node.sensorId(r.kind()), r.kind(), r.value(), r.measuredAt()));
        }
        return new Admitted(report.nodeId(), readings, report.health());
    }

    private Optional<Refused> authorise(String nodeId, Optional<String> pskIdentity) {
        if (pskIdentity.isPresent() && !pskIdentity.get().equals(nodeId)) {
            return Optional.of(Refused.of(IDENTITY_MISMATCH, CoapCodes.FORBIDDEN, "the pack is from node '" + nodeId
                    + "' but came under DTLS identity '" + pskIdentity.get() + "'"));
        }
        Optional<CoapNode> node = settings.node(nodeId);
        if (node.isEmpty()) {
            return Optional.of(Refused.of(UNKNOWN_NODE, CoapCodes.FORBIDDEN, "node '" + nodeId
                    + "' is not configured on this gateway (coap.nodes)"));
        }
        if (pskIdentity.isEmpty() && node.get().hasPsk()) {
            return Optional.of(Refused.of(DTLS_REQUIRED, CoapCodes.UNAUTHORIZED, "node '" + nodeId
                    + "' has a pre-shared key and must post over coaps (DTLS), not plain coap"));
        }
        return Optional.empty();
    }

    private Optional<Refused> checkTimes(NodeReport report, Instant now) {
        List<Instant> times = new ArrayList<>();
        report.readings().forEach(r -> times.add(r.measuredAt()));
        report.health().stream().map(NodeHealth::measuredAt).forEach(times::add);
        Instant latest = now.plus(maxAhead);
        Instant earliest = now.minus(maxBehind);
        for (Instant at : times) {
            if (at.isAfter(latest)) {
                return Optional.of(Refused.of(TIME_AHEAD, CoapCodes.SERVICE_UNAVAILABLE, "measurement time " + at
                        + " is more than " + maxAhead.toMinutes() + " minutes ahead of the gateway clock " + now
                        + "; retry later (the gateway's clock may not be synchronised yet) and check the node's clock"));
            }
            if (at.isBefore(earliest)) {
                return Optional.of(Refused.of(TIME_TOO_OLD, CoapCodes.BAD_REQUEST, "measurement time " + at
                        + " is more than " + maxBehind.toDays() + " days behind the gateway clock " + now
                        + "; check the node's clock (or send relative times)"));
            }
        }
        return Optional.empty();
    }
}
