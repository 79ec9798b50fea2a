package org.coldwatch.sim.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A village uplink that can be cut: a TCP relay on a loopback port in front of a server or broker. While the link is
 * up, bytes flow both ways untouched; {@link #cut()} drops every open connection at once (as a dead 4G modem does,
 * without FIN from the far side reaching anyone in time) and refuses new ones until {@link #restore()}. A gateway
 * pointed at the relay instead of the server sees exactly what an outage looks like, so its outbox, backfill and
 * reconnect logic can be tested against the scenario's {@code network-outage} events.
 *
 * <p>One thread accepts; each connection has two pump threads. Meant for tests and demos, not for load.
 */
public final class LinkProxy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkProxy.class);
    private static final int BUFFER_BYTES = 16 * 1024;

    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean up = true;
    private volatile boolean closed;

    private LinkProxy(InetSocketAddress target, ServerSocket listener) {
        this.target = target;
        this.listener = listener;
    }

    /**
     * Starts relaying from a free loopback port to {@code target}.
     *
     * @throws IOException if no port can be bound
     */
    public static LinkProxy start(InetSocketAddress target) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        LinkProxy proxy = new LinkProxy(target, listener);
        Thread acceptor = new Thread(proxy::acceptLoop, "link-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    /** The port gateways should connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Cuts the link: every open connection is dropped and new ones are refused. */
    public void cut() {
        up = false;
        open.forEach(LinkProxy::closeQuietly);
        open.clear();
        LOG.info("link-proxy: port={} cut", port());
    }

    /** Restores the link. */
    public void restore() {
        up = true;
        LOG.info("link-proxy: port={} restored", port());
    }

    /** Cuts or restores the link to match a simulation's network state. */
    public void follow(boolean networkUp) {
        if (networkUp != up) {
            if (networkUp) {
                restore();
            } else {
                cut();
            }
        }
    }

    /** Whether the link is up. */
    public boolean up() {
        return up;
    }

    /** Connections relayed so far. */
    public long connections() {
        return connections.get();
    }

    /** Connections refused while the link was cut. */
    public long refused() {
        return refused.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("link-proxy: port={} accept failed: {}", port(), e.getMessage());
                }
                return;
            }
            if (!up) {
                refused.incrementAndGet();
                closeQuietly(client);
                continue;
            }
            relay(client);
        }
    }

    private void relay(Socket client) {
        Socket server = new Socket();
        try {
            server.connect(target, 5_000);
        } catch (IOException e) {
            LOG.info("link-proxy: port={} target {} unreachable: {}", port(), target, e.getMessage());
            closeQuietly(client);
            closeQuietly(server);
            return;
        }
        connections.incrementAndGet();
        open.add(client);
        open.add(server);
        pump(client, server, "up");
        pump(server, client, "down");
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[BUFFER_BYTES];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the link was cut or one side closed: both sides go
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "link-proxy-" + port() + "-" + direction);
        pump.setDaemon(true);
        pump.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /** Stops relaying and closes every connection. */
    @Override
    public void close() {
        closed = true;
        cut();
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("link-proxy: close: {}", e.getMessage());
        }
    }
}
