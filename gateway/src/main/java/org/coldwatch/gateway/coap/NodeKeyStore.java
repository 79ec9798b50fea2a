package org.coldwatch.gateway.coap;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.coldwatch.gateway.config.CoapNode;
import org.coldwatch.gateway.config.CoapSettings;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.PskSecretResult;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedPskStore;
import org.eclipse.californium.scandium.util.ServerNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's pre-shared keys for Scandium, PSK identity = node id, from {@code coap.nodes[].psk}. A handshake
 * under an identity that is not configured is counted ({@value CoapStats#DTLS_UNKNOWN_IDENTITY}, once per
 * transmission of the node's key exchange) and logged the first time per identity: the node never gets an answer,
 * so this is the only trace of it.
 */
final class NodeKeyStore implements AdvancedPskStore {
    private static final Logger LOG = LoggerFactory.getLogger(NodeKeyStore.class);

    /** Identities warned about; bounded so that a scan of random identities cannot grow it. */
    private static final int MAX_WARNED = 256;

    private final AdvancedMultiPskStore keys = new AdvancedMultiPskStore();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final CoapStats stats;

    NodeKeyStore(CoapSettings settings, CoapStats stats) {
        this.stats = stats;
        for (CoapNode node : settings.nodes()) {
            node.pskBytes().ifPresent(key -> keys.setKey(node.id(), key));
        }
    }

    @Override
    public boolean hasEcdhePskSupported() {
        return keys.hasEcdhePskSupported();
    }

    @Override
    public PskSecretResult requestPskSecretResult(ConnectionId cid, ServerNames serverName,
                                                  PskPublicInformation identity, String hmacAlgorithm,
                                                  SecretKey otherSecret, byte[] seed,
                                                  boolean useExtendedMasterSecret) {
        PskSecretResult result = keys.requestPskSecretResult(cid, serverName, identity, hmacAlgorithm, otherSecret,
                seed, useExtendedMasterSecret);
        if (result == null || result.getSecret() == null) {
            stats.recordRefusal(CoapStats.DTLS_UNKNOWN_IDENTITY);
            String name = identity.getPublicInfoAsString();
            if (warned.size() < MAX_WARNED && warned.add(name)) {
                LOG.warn("coap: DTLS handshake under unknown PSK identity '{}' refused (not in coap.nodes); further"
                        + " attempts of it are only counted", name);
            }
        }
        return result;
    }

    @Override
    public PskPublicInformation getIdentity(InetSocketAddress peerAddress, ServerNames virtualHost) {
        return keys.getIdentity(peerAddress, virtualHost);
    }

    @Override
    public void setResultHandler(HandshakeResultHandler resultHandler) {
        keys.setResultHandler(resultHandler);
    }
}
