package org.coldwatch.sim.fleet;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets tuned for a load generator, handed to Paho through
 * {@code MqttConnectionOptions.setSocketFactory}:
 * <ul>
 *   <li>Nagle's algorithm is off, so each PUBLISH leaves as soon as Paho flushes it instead of waiting for the ACK of
 *       the previous segment (the generator measures latency);</li>
 *   <li>the input stream is buffered. Paho 1.2.5 reads the socket through an unbuffered {@code DataInputStream}, one
 *       system call per byte of every PUBACK; buffered, one call reads many PUBACKs. On the development machine this
 *       cut the generator's CPU per single-reading message by about a third (see docs/benchmarks.md).</li>
 * </ul>
 * Paho creates its socket with {@link #createSocket()} and connects it itself; the other factory methods are there
 * for completeness.
 */
final class TunedSocketFactory extends SocketFactory {
    private static final int INPUT_BUFFER_BYTES = 16 * 1024;

    @Override
    public Socket createSocket() throws IOException {
        return tuned(new BufferedInputSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(host == null ? null : InetAddress.getByName(host), port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw new IOException("binding a local address is not supported");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        throw new IOException("binding a local address is not supported");
    }

    private Socket connected(InetAddress host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new java.net.InetSocketAddress(host, port));
        return socket;
    }

    private static Socket tuned(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }

    /** A socket whose input stream is buffered. */
    private static final class BufferedInputSocket extends Socket {
        private InputStream input;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new BufferedInputStream(super.getInputStream(), INPUT_BUFFER_BYTES);
            }
            return input;
        }
    }
}
