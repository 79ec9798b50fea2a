package org.coldwatch.sim.coap;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import org.eclipse.californium.elements.UDPConnector;
import org.eclipse.californium.elements.config.Configuration;

/**
 * Californium's UDP connector on a socket that goes through the node's {@link Radio}. A lost outgoing datagram is
 * reported to Californium as sent, so its retransmission timer runs exactly as after a loss in the air.
 */
final class RadioUdpConnector extends UDPConnector {
    private final Radio radio;

    RadioUdpConnector(InetSocketAddress bindAddress, Configuration configuration, Radio radio) {
        super(bindAddress, configuration);
        this.radio = radio;
    }

    @Override
    public synchronized void start() throws IOException {
        if (isRunning()) {
            return;
        }
        RadioSocket socket = new RadioSocket(radio);
        socket.bind(localAddr);
        init(socket);
    }

    /** A datagram socket whose sends and receives can be lost. */
    private static final class RadioSocket extends DatagramSocket {
        private final Radio radio;

        RadioSocket(Radio radio) throws SocketException {
            super((SocketAddress) null);
            this.radio = radio;
        }

        @Override
        public void send(DatagramPacket packet) throws IOException {
            if (radio.transmit()) {
                super.send(packet);
            }
        }

        @Override
        public void receive(DatagramPacket packet) throws IOException {
            int capacity = packet.getLength();
            super.receive(packet);
            while (radio.losesIncoming()) {
                packet.setLength(capacity);
                super.receive(packet);
            }
        }
    }
}
