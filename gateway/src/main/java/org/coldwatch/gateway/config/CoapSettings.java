package org.coldwatch.gateway.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.coldwatch.protocol.senml.SenmlLimits;

/**
 * The {@code coap:} section: the CoAP server battery-powered wireless nodes POST SenML to, and the nodes it knows.
 * Every instance is valid; the constructor names each bad key, e.g. {@code coap.nodes[1].psk: ...}. Keys, units and
 * defaults are documented in {@code gateway/CONFIGURATION.md}.
 *
 * @param enabled         whether the gateway runs the CoAP server at all
 * @param bind            the local IP address both endpoints listen on ({@code 0.0.0.0}: every interface)
 * @param port            UDP port of plain CoAP; 0 picks a free port (tests)
 * @param dtlsPort        UDP port of CoAP over DTLS with pre-shared keys; 0 picks a free port (tests)
 * @param maxPayloadBytes largest SenML pack accepted; larger ones are answered 4.13
 * @param nodes           the nodes allowed to report; a pack from any other node is refused
 */
public record CoapSettings(boolean enabled, String bind, int port, int dtlsPort, int maxPayloadBytes,
                           List<CoapNode> nodes) {

    /** The default port of the coap scheme, RFC 7252 section 6.1. */
    public static final int DEFAULT_PORT = 5683;
    /** The default port of the coaps scheme, RFC 7252 section 6.2. */
    public static final int DEFAULT_DTLS_PORT = 5684;
    /** Smallest {@code maxPayloadBytes}: room for one record of a short node id. A ColdWatch bound. */
    public static final int MIN_PAYLOAD_BYTES = 64;

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** @throws ConfigException naming every bad key */
    public CoapSettings {
        nodes = nodes == null ? List.of() : nodes;
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i) == null) {
                throw new ConfigException("coap.nodes[" + i + "]: empty entry; give at least an id");
            }
        }
        nodes = List.copyOf(nodes);
        List<String> problems = new ArrayList<>();
        if (bind == null || !IP_LITERAL.matcher(bind).matches() || !isIpv4OrV6(bind)) {
            problems.add("coap.bind: must be an IPv4 or IPv6 address such as 0.0.0.0 or 127.0.0.1, was '" + bind + "'");
        }
        range(problems, "coap.port", port, 0, 65_535);
        range(problems, "coap.dtlsPort", dtlsPort, 0, 65_535);
        if (port != 0 && port == dtlsPort) {
            problems.add("coap.dtlsPort: must differ from coap.port, both were " + port);
        }
        range(problems, "coap.maxPayloadBytes", maxPayloadBytes, MIN_PAYLOAD_BYTES, SenmlLimits.MAX_PACK_BYTES);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            CoapNode node = nodes.get(i);
            String at = "coap.nodes[" + i + "]";
            node.problems(at).forEach(problems::add);
            if (node.id() != null && !ids.add(node.id())) {
                problems.add(at + ".id: node '" + node.id() + "' is listed twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("; ", problems));
        }
    }

    /** The defaults: disabled, every interface, ports 5683 and 5684, packs up to 1,024 bytes, no nodes. */
    public static CoapSettings defaults() {
        return new CoapSettings(false, "0.0.0.0", DEFAULT_PORT, DEFAULT_DTLS_PORT, SenmlLimits.MAX_PACK_BYTES,
                List.of());
    }

    /** These settings, enabled, on {@code 127.0.0.1} with free ports, knowing {@code known}: for tests and demos. */
    public static CoapSettings loopback(CoapNode... known) {
        return new CoapSettings(true, "127.0.0.1", 0, 0, SenmlLimits.MAX_PACK_BYTES, List.of(known));
    }

    /** These settings with {@code bytes} as the largest pack. */
    public CoapSettings withMaxPayloadBytes(int bytes) {
        return new CoapSettings(enabled, bind, port, dtlsPort, bytes, nodes);
    }

    /** The configured node with this id, if any. */
    public Optional<CoapNode> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** Whether any node has a pre-shared key, i.e. whether the DTLS endpoint has anyone to serve. */
    public boolean anyDtlsNode() {
        return nodes.stream().anyMatch(n -> n.hasPsk());
    }

    private static boolean isIpv4OrV6(String bind) {
        if (bind.contains(":")) {
            try {
                // A string with ':' is only ever parsed as an IPv6 literal, never looked up in DNS.
                return InetAddress.getByName(bind) instanceof Inet6Address;
            } catch (UnknownHostException e) {
                return false;
            }
        }
        for (String part : bind.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static void range(List<String> problems, String key, long value, long min, long max) {
        if (value < min || value > max) {
            problems.add(key + ": must be " + min + "…" + max + ", was " + value);
        }
    }
}
