package org.coldwatch.sim.coap;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.coldwatch.protocol.Limits;
import org.coldwatch.protocol.senml.SenmlFormat;

/**
 * How a simulated wireless node is set up. Start from {@link #of(String)} and change what the scenario needs.
 *
 * @param nodeId           the node's id ({@link Limits#ID_PATTERN}); base name {@code <nodeId>/} and DTLS identity
 * @param reportInterval   how often the node measures and sends when driven by {@link SenmlNode#tick()}
 * @param format           SenML JSON (Content-Format 110) or CBOR (112)
 * @param battery          the battery model
 * @param faults           radio dropout, offline windows, missing clock
 * @param dtlsPsk          the pre-shared key for DTLS, {@code null} for plain CoAP: {@code hex:…} or {@code base64:…}
 *                         for raw bytes, other text for its UTF-8 bytes (the form of the gateway's
 *                         {@code coap.nodes[].psk})
 * @param ackTimeout       CoAP ACK_TIMEOUT, the first retransmission timeout (RFC 7252 section 4.8: 2 s)
 * @param maxRetransmit    CoAP MAX_RETRANSMIT (RFC 7252 section 4.8: 4)
 * @param maxBacklogRounds measurement rounds kept while the gateway cannot be reached; older ones are dropped
 */
public record NodeConfig(String nodeId, Duration reportInterval, SenmlFormat format, BatteryModel battery,
                         NodeFaults faults, String dtlsPsk, Duration ackTimeout, int maxRetransmit,
                         int maxBacklogRounds) {

    /** RFC 7252 section 4.8, ACK_TIMEOUT. */
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(2);
    /** RFC 7252 section 4.8, MAX_RETRANSMIT. */
    public static final int DEFAULT_MAX_RETRANSMIT = 4;

    public NodeConfig {
        if (!Limits.isValidId(nodeId)) {
            throw new IllegalArgumentException("nodeId: '" + nodeId + "' is not a valid id ("
                    + Limits.ID_PATTERN.pattern() + ")");
        }
        requirePositive(reportInterval, "reportInterval");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(battery, "battery");
        Objects.requireNonNull(faults, "faults");
        if (dtlsPsk != null && dtlsPsk.isEmpty()) {
            throw new IllegalArgumentException("dtlsPsk: must not be empty (use null for plain CoAP)");
        }
        if (dtlsPsk != null) {
            try {
                CoapSetup.keyBytes(dtlsPsk);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("dtlsPsk: not a valid hex: or base64: key: " + e.getMessage(), e);
            }
        }
        requirePositive(ackTimeout, "ackTimeout");
        if (maxRetransmit < 0 || maxBacklogRounds < 1) {
            throw new IllegalArgumentException("maxRetransmit must be >= 0 and maxBacklogRounds >= 1, was "
                    + maxRetransmit + " and " + maxBacklogRounds);
        }
    }

    /**
     * A node reporting every minute in CBOR, with two alkaline cells, no faults, plain CoAP, the RFC 7252 transmission
     * parameters and a backlog of 16 rounds.
     */
    public static NodeConfig of(String nodeId) {
        return new NodeConfig(nodeId, Duration.ofMinutes(1), SenmlFormat.CBOR, BatteryModel.twoAlkalineCells(),
                NodeFaults.none(), null, DEFAULT_ACK_TIMEOUT, DEFAULT_MAX_RETRANSMIT, 16);
    }

    /** This config reporting every {@code interval}. */
    public NodeConfig withReportInterval(Duration interval) {
        return new NodeConfig(nodeId, interval, format, battery, faults, dtlsPsk, ackTimeout, maxRetransmit,
                maxBacklogRounds);
    }

    /** This config sending {@code senmlFormat}. */
    public NodeConfig withFormat(SenmlFormat senmlFormat) {
        return new NodeConfig(nodeId, reportInterval, senmlFormat, battery, faults, dtlsPsk, ackTimeout,
                maxRetransmit, maxBacklogRounds);
    }

    /** This config with {@code model} as battery. */
    public NodeConfig withBattery(BatteryModel model) {
        return new NodeConfig(nodeId, reportInterval, format, model, faults, dtlsPsk, ackTimeout, maxRetransmit,
                maxBacklogRounds);
    }

    /** This config with {@code nodeFaults}. */
    public NodeConfig withFaults(NodeFaults nodeFaults) {
        return new NodeConfig(nodeId, reportInterval, format, battery, nodeFaults, dtlsPsk, ackTimeout, maxRetransmit,
                maxBacklogRounds);
    }

    /** This config over DTLS with pre-shared key {@code psk}; the PSK identity is the node id. */
    public NodeConfig withDtlsPsk(String psk) {
        return new NodeConfig(nodeId, reportInterval, format, battery, faults, Objects.requireNonNull(psk, "psk"),
                ackTimeout, maxRetransmit, maxBacklogRounds);
    }

    /** This config with CoAP retransmission parameters {@code timeout} (ACK_TIMEOUT) and {@code retransmissions}. */
    public NodeConfig withRetransmission(Duration timeout, int retransmissions) {
        return new NodeConfig(nodeId, reportInterval, format, battery, faults, dtlsPsk, timeout, retransmissions,
                maxBacklogRounds);
    }

    /** This config keeping at most {@code rounds} unsent measurement rounds. */
    public NodeConfig withMaxBacklogRounds(int rounds) {
        return new NodeConfig(nodeId, reportInterval, format, battery, faults, dtlsPsk, ackTimeout, maxRetransmit,
                rounds);
    }

    /** The pre-shared key, if the node uses DTLS. */
    public Optional<String> psk() {
        return Optional.ofNullable(dtlsPsk);
    }

    /** Like the generated one, but never shows the key. */
    @Override
    public String toString() {
        return "NodeConfig[nodeId=" + nodeId + ", reportInterval=" + reportInterval + ", format=" + format
                + ", battery=" + battery + ", faults=" + faults + ", dtls=" + (dtlsPsk != null) + ", ackTimeout="
                + ackTimeout + ", maxRetransmit=" + maxRetransmit + ", maxBacklogRounds=" + maxBacklogRounds + "]";
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": must be a positive duration, was " + d);
        }
    }
}
