package org.coldwatch.gateway.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coldwatch.protocol.Limits;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.senml.NodeQuantity;

/**
 * One wireless node the gateway accepts packs from (an entry of {@code coap.nodes}). Validated as part of
 * {@link CoapSettings}.
 *
 * @param id      the node id: the SenML base name {@code <id>/} of its packs and, over DTLS, its PSK identity
 * @param psk     its pre-shared key as written in the file ({@code hex:…}, {@code base64:…} or plain text, whose
 *                UTF-8 bytes are the key); {@code null} for a node that posts over plain CoAP
 * @param sensors which sensor id each measured quantity becomes ({@code temperature → room-1.air}); a quantity
 *                not listed becomes a reading with the node id as sensor id
 */
public record CoapNode(String id, String psk, Map<String, String> sensors) {

    /** Shortest key in bytes: 128 bits, the strength of the AES-128 cipher suite (RFC 7252 section 9.1.3.1). */
    public static final int MIN_PSK_BYTES = 16;
    /** Longest key in bytes: what libcoap's clients take (COAP_DTLS_MAX_PSK = 64, include/coap3/coap_dtls.h). */
    public static final int MAX_PSK_BYTES = 64;

    private static final String HEX = "hex:";
    private static final String BASE64 = "base64:";

    public CoapNode {
        sensors = sensors == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(sensors));
    }

    /** A node posting over plain CoAP, its readings under its own id. */
    public static CoapNode of(String id) {
        return new CoapNode(id, null, Map.of());
    }

    /** This node over DTLS with {@code key} (the file's form: {@code hex:…}, {@code base64:…} or text). */
    public CoapNode withPsk(String key) {
        return new CoapNode(id, key, sensors);
    }

    /** This node reporting {@code quantity} (e.g. {@code temperature}) under {@code sensorId}. */
    public CoapNode withSensor(String quantity, String sensorId) {
        Map<String, String> more = new LinkedHashMap<>(sensors);
        more.put(quantity, sensorId);
        return new CoapNode(id, psk, more);
    }

    /** Whether the node has a pre-shared key, i.e. must post over DTLS. */
    public boolean hasPsk() {
        return psk != null;
    }

    /** The key bytes, if the node uses DTLS. */
    public Optional<byte[]> pskBytes() {
        return Optional.ofNullable(psk).map(CoapNode::decode);
    }

    /** The sensor id readings of {@code kind} from this node carry. */
    public String sensorId(ReadingKind kind) {
        return sensors.getOrDefault(kind.wireName(), id);
    }

    /** What is wrong with this entry, each problem naming its key below {@code at}. */
    List<String> problems(String at) {
        List<String> problems = new ArrayList<>();
        if (!Limits.isValidId(id)) {
            problems.add(at + ".id: must be 1-64 of A-Z a-z 0-9 . _ - starting with a letter or digit, was '" + id
                    + "'");
        }
        if (psk != null) {
            pskProblem(psk).ifPresent(p -> problems.add(at + ".psk: " + p));
        }
        sensors.forEach((quantity, sensorId) -> {
            boolean measured = NodeQuantity.ofSenmlName(quantity).flatMap(NodeQuantity::readingKind).isPresent();
            if (!measured) {
                problems.add(at + ".sensors." + quantity + ": not a measured quantity (allowed: temperature,"
                        + " humidity, weight, door)");
            }
            if (!Limits.isValidId(sensorId)) {
                problems.add(at + ".sensors." + quantity + ": sensor id must be 1-64 of A-Z a-z 0-9 . _ - starting"
                        + " with a letter or digit, was '" + sensorId + "'");
            }
        });
        return problems;
    }

    private static Optional<String> pskProblem(String text) {
        byte[] key;
        try {
            key = decode(text);
        } catch (IllegalArgumentException e) {
            return Optional.of("not valid " + (text.startsWith(HEX) ? "hex" : "base64") + ": " + e.getMessage());
        }
        if (key.length < MIN_PSK_BYTES || key.length > MAX_PSK_BYTES) {
            return Optional.of("the key must be " + MIN_PSK_BYTES + "…" + MAX_PSK_BYTES + " bytes, was "
                    + key.length);
        }
        return Optional.empty();
    }

    private static byte[] decode(String text) {
        if (text.startsWith(HEX)) {
            return HexFormat.of().parseHex(text.substring(HEX.length()));
        }
        if (text.startsWith(BASE64)) {
            return Base64.getDecoder().decode(text.substring(BASE64.length()));
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "CoapNode[id=" + id + ", psk=" + (psk == null ? "none" : "***") + ", sensors=" + sensors + "]";
    }
}
