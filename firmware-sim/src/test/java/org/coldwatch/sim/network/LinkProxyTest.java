package org.coldwatch.sim.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cuttable uplink, between a real client socket and a real echo server on loopback. */
class LinkProxyTest {
    ServerSocket echo;
    LinkProxy link;

    @BeforeEach
    void start() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread server = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread t = new Thread(() -> {
                        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException e) {
                            // client went away
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        server.setDaemon(true);
        server.start();
        link = LinkProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.getLocalPort()));
    }

    @AfterEach
    void stop() throws IOException {
        link.close();
        echo.close();
    }

    static byte[] roundTrip(Socket socket, byte[] message) throws IOException {
        socket.getOutputStream().write(message);
        byte[] back = new byte[message.length];
        new DataInputStream(socket.getInputStream()).readFully(back);
        return back;
    }

    Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), link.port());
        socket.setSoTimeout(5_000);
        return socket;
    }

    @Test
    void relaysBytesBothWaysWhileUp() throws IOException {
        try (Socket socket = connect()) {
            assertThat(roundTrip(socket, "reading 1".getBytes())).isEqualTo("reading 1".getBytes());
        }
        assertThat(link.connections()).isEqualTo(1);
    }

    @Test
    void cutDropsOpenConnectionsAndRefusesNewOnesUntilRestored() throws IOException {
        try (Socket socket = connect()) {
            roundTrip(socket, new byte[] {1});
            link.cut();
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        try (Socket refused = connect()) {
            assertThat(refused.getInputStream().read()).isEqualTo(-1);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> link.refused() >= 1);

        link.follow(true);
        try (Socket again = connect()) {
            assertThat(roundTrip(again, new byte[] {2, 3})).containsExactly(2, 3);
        }
    }
}
