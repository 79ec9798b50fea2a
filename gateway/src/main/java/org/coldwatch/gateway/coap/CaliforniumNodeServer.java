package org.coldwatch.gateway.coap;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Optional;
import org.coldwatch.gateway.config.CoapSettings;
import org.coldwatch.gateway.config.ConfigException;
import org.coldwatch.gateway.sensor.ReadingIntake;
import org.coldwatch.protocol.senml.SenmlLimits;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node ingress on Eclipse Californium: one {@link CoapServer} with resource {@code /senml} on a plain CoAP
 * endpoint ({@code coap.port}) and, when any node has a pre-shared key, a Scandium DTLS 1.2 endpoint
 * ({@code coap.dtlsPort}) whose PSK identities are the node ids. Configured in memory
 * ({@code Configuration.createStandardWithoutFile()}: no {@code Californium3.properties} in the working directory),
 * with small thread and peer counts for a Raspberry Pi.
 *
 * <p>Retransmitted confirmable requests (same Message ID) are answered from Californium's deduplication cache
 * (RFC 7252 section 4.5) and never stored twice.
 */
public final class CaliforniumNodeServer implements NodeIngress {
    private static final Logger LOG = LoggerFactory.getLogger(CaliforniumNodeServer.class);
    /** The cipher suite every CoAP endpoint in PreSharedKey mode must implement, RFC 7252 section 9.1.3.1. */
    static final CipherSuite PSK_CIPHER_SUITE = CipherSuite.TLS_PSK_WITH_AES_128_CCM_8;
    /** Peers (plain) and DTLS connections tracked at once: far more than the nodes of one cold store. */
    private static final int MAX_PEERS = 1_024;
    /** Largest body Californium hands to the resource: 8 × the largest pack, so that oversized ones are counted. */
    private static final int MAX_BODY_BYTES = 8 * SenmlLimits.MAX_PACK_BYTES;

    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    private final CoapServer server;
    private final CoapEndpoint plain;
    private final CoapEndpoint dtls;
    private final CoapStats stats;
    private boolean closed;

    private CaliforniumNodeServer(CoapServer server, CoapEndpoint plain, CoapEndpoint dtls, CoapStats stats) {
        this.server = server;
        this.plain = plain;
        this.dtls = dtls;
        this.stats = stats;
    }

    /**
     * Binds the endpoints and starts serving.
     *
     * @param intake where admitted readings go (durable before 2.04 is sent)
     * @param clock  the gateway clock: relative SenML times count from the arrival on it
     * @throws IllegalStateException if a port cannot be bound (in use, no permission)
     */
    public static CaliforniumNodeServer start(CoapSettings settings, ReadingIntake intake, Clock clock) {
        Configuration config = configuration(settings);
        InetAddress bind = address(settings.bind());
        CoapStats stats = new CoapStats();
        CoapServer server = new CoapServer(config);
        CoapEndpoint plain = new CoapEndpoint.Builder().setConfiguration(config).setLoggingTag("coap")
                .setInetSocketAddress(new InetSocketAddress(bind, settings.port())).build();
        server.addEndpoint(plain);
        CoapEndpoint dtls = null;
        if (settings.anyDtlsNode()) {
            dtls = new CoapEndpoint.Builder().setConfiguration(config).setLoggingTag("coaps")
                    .setConnector(dtlsConnector(settings, config, new InetSocketAddress(bind, settings.dtlsPort()),
                            stats)).build();
            server.addEndpoint(dtls);
        }
        server.add(new SenmlResource(new PackAdmission(settings), intake, stats, clock, settings.maxPayloadBytes()));
        startAll(server, settings, plain, dtls);
        CaliforniumNodeServer running = new CaliforniumNodeServer(server, plain, dtls, stats);
        LOG.info("coap: listening coap={} coaps={} nodes={} ({} with a key) maxPayloadBytes={}",
                plain.getAddress(), running.dtlsAddress().map(Object::toString).orElse("off (no node has a psk)"),
                settings.nodes().size(), settings.nodes().stream().filter(n -> n.hasPsk()).count(),
                settings.maxPayloadBytes());
        return running;
    }

    /**
     * Starts the server, or none of it: Californium starts what it can and only logs an endpoint that cannot bind,
     * which would leave the DTLS nodes unheard while the gateway looks healthy.
     */
    private static void startAll(CoapServer server, CoapSettings settings, CoapEndpoint plain, CoapEndpoint dtls) {
        String failed = null;
        try {
            server.start();
        } catch (IllegalStateException e) {
            failed = e.getMessage();
        }
        if (failed == null && !plain.isStarted()) {
            failed = "UDP port " + settings.port() + " (coap.port) cannot be bound";
        } else if (failed == null && dtls != null && !dtls.isStarted()) {
            failed = "UDP port " + settings.dtlsPort() + " (coap.dtlsPort) cannot be bound";
        }
        if (failed != null) {
            server.destroy();
            throw new IllegalStateException("coap: cannot listen on " + settings.bind() + ": " + failed
                    + " (in use, or no permission; Californium logged the cause)");
        }
    }

    private static Configuration configuration(CoapSettings settings) {
        Configuration config = Configuration.createStandardWithoutFile();
        // Bodies up to this size reach the resource, which refuses (and counts) any above coap.maxPayloadBytes with
        // a diagnostic; Californium itself answers 4.13 to block-wise uploads (RFC 7959) beyond it, bounding memory.
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, MAX_BODY_BYTES);
        config.set(CoapConfig.MAX_ACTIVE_PEERS, MAX_PEERS);
        config.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, 2);
        config.set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, 1);
        config.set(UdpConfig.UDP_SENDER_THREAD_COUNT, 1);
        config.set(DtlsConfig.DTLS_MAX_CONNECTIONS, MAX_PEERS);
        config.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
        config.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1);
        return config;
    }

    private static DTLSConnector dtlsConnector(CoapSettings settings, Configuration config, InetSocketAddress address,
                                               CoapStats stats) {
        DtlsConnectorConfig dtlsConfig = DtlsConnectorConfig.builder(config)
                .set(DtlsConfig.DTLS_ROLE, DtlsRole.SERVER_ONLY)
                .setAsList(DtlsConfig.DTLS_CIPHER_SUITES, PSK_CIPHER_SUITE)
                .setAdvancedPskStore(new NodeKeyStore(settings, stats))
                .setHealthHandler(new HandshakeCounter(stats))
                .setAddress(address)
                .setLoggingTag("coaps")
                .build();
        return new DTLSConnector(dtlsConfig);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new ConfigException("coap.bind: '" + literal + "' is not an IP address", e);
        }
    }

    @Override
    public CoapStats stats() {
        return stats;
    }

    @Override
    public Optional<InetSocketAddress> plainAddress() {
        return Optional.of(plain.getAddress());
    }

    @Override
    public Optional<InetSocketAddress> dtlsAddress() {
        return Optional.ofNullable(dtls).map(CoapEndpoint::getAddress);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.destroy();
        LOG.info("coap: stopped {}", stats);
    }
}
