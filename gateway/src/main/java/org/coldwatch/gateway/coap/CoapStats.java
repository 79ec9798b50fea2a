package org.coldwatch.gateway.coap;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import org.coldwatch.protocol.senml.NodeHealth;

/**
 * Counters of the node ingress, for health reports and tests: packs and readings accepted, refusals by reason
 * (the labels of {@link PackAdmission} and {@link org.coldwatch.protocol.senml.SenmlException.Problem}, plus
 * {@value #OUTBOX_UNAVAILABLE} and the DTLS labels below), and what each node last reported about itself.
 * Thread-safe.
 */
public final class CoapStats {
    /** Refusal label: the outbox could not store the readings; answered 5.03, the node retries. */
    public static final String OUTBOX_UNAVAILABLE = "outbox_unavailable";
    /** Refusal label: a DTLS handshake under a PSK identity that is not a configured node; no CoAP answer. */
    public static final String DTLS_UNKNOWN_IDENTITY = "dtls_unknown_identity";
    /** Refusal label: a DTLS handshake that ended in failure (alert, timeout); no CoAP answer. */
    public static final String DTLS_HANDSHAKE_FAILED = "dtls_handshake_failed";
    /**
     * Refusal label: DTLS records dropped (failed decryption or MAC, e.g. a node with a wrong key, or replays);
     * counted per record, so one failed attempt of a node counts once per retransmission of its flight.
     */
    public static final String DTLS_RECORDS_DROPPED = "dtls_records_dropped";

    private final LongAdder acceptedPacks = new LongAdder();
    private final LongAdder acceptedReadings = new LongAdder();
    private final LongAdder resentReadings = new LongAdder();
    private final ConcurrentMap<String, LongAdder> refused = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, NodeSeen> nodes = new ConcurrentHashMap<>();

    /**
     * What one node last sent.
     *
     * @param nodeId     the node
     * @param lastPackAt when its last accepted pack arrived (gateway clock)
     * @param health     the battery records of the last pack that had any
     */
    public record NodeSeen(String nodeId, Instant lastPackAt, List<NodeHealth> health) {
        public NodeSeen {
            health = List.copyOf(health);
        }
    }

    void recordAccepted(Admission.Admitted pack, Instant at) {
        acceptedPacks.increment();
        acceptedReadings.add(pack.readings().size());
        nodes.compute(pack.nodeId(), (id, before) -> new NodeSeen(id, at,
                pack.health().isEmpty() && before != null ? before.health() : pack.health()));
    }

    void recordResent(int readings) {
        resentReadings.add(readings);
    }

    void recordRefusal(String reason) {
        refused.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** Packs stored in the outbox and answered 2.04. */
    public long acceptedPacks() {
        return acceptedPacks.sum();
    }

    /** Readings those packs carried, resent ones included. */
    public long acceptedReadings() {
        return acceptedReadings.sum();
    }

    /** Readings a node sent again after a lost 2.04, answered 2.04 but not stored twice. */
    public long resentReadings() {
        return resentReadings.sum();
    }

    /** Refusals with this reason label so far. */
    public long refused(String reason) {
        LongAdder count = refused.get(reason);
        return count == null ? 0 : count.sum();
    }

    /** All refusals so far. */
    public long refusedTotal() {
        return refused.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Refusals by reason label, sorted by label. */
    public Map<String, Long> refusedByReason() {
        Map<String, Long> copy = new TreeMap<>();
        refused.forEach((reason, count) -> copy.put(reason, count.sum()));
        return copy;
    }

    /** What {@code nodeId} last sent; empty if no pack of it was accepted since start. */
    public Optional<NodeSeen> node(String nodeId) {
        return Optional.ofNullable(nodes.get(nodeId));
    }

    @Override
    public String toString() {
        return "CoapStats[acceptedPacks=" + acceptedPacks() + ", acceptedReadings=" + acceptedReadings()
                + ", resentReadings=" + resentReadings() + ", refused=" + refusedByReason() + "]";
    }
}
