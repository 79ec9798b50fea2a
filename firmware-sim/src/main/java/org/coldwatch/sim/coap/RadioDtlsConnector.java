package org.coldwatch.sim.coap;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;

/**
 * Scandium's DTLS connector with its datagrams going through the node's {@link Radio}: handshake flights and
 * application records alike can be lost, and Scandium retransmits handshake flights as over the air.
 */
final class RadioDtlsConnector extends DTLSConnector {
    private final Radio radio;

    RadioDtlsConnector(DtlsConnectorConfig config, Radio radio) {
        super(config);
        this.radio = radio;
    }

    @Override
    protected void sendNextDatagramOverNetwork(DatagramPacket datagram) throws IOException {
        if (radio.transmit()) {
            super.sendNextDatagramOverNetwork(datagram);
        }
    }

    @Override
    protected void processDatagram(DatagramPacket packet, InetSocketAddress router) {
        if (!radio.losesIncoming()) {
            super.processDatagram(packet, router);
        }
    }
}
