package org.coldwatch.server.fleet;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stores and gateways known to the server, with the gateways' hashed secrets. All methods block. */
public interface FleetRegistry extends AutoCloseable {

    /** Adds a store, or renames it if the id exists. */
    void putStore(Store store);

    /**
     * Registers a gateway in a store with a new secret, replacing the secret if the gateway exists.
     *
     * @return the secret in clear: shown once, never stored
     * @throws IllegalArgumentException if the store does not exist or the id is invalid
     */
    String registerGateway(String gatewayId, String storeId);

    /**
     * Registers many gateways in one store at once (one transaction), each with a new secret, replacing the secrets
     * of gateways that exist.
     *
     * @return gateway id → secret in clear, in the order given: shown once, never stored
     * @throws IllegalArgumentException if the store does not exist, an id is invalid or repeated; nothing is saved
     */
    Map<String, String> registerGateways(List<String> gatewayIds, String storeId);

    /** The gateway with this id, if registered. */
    Optional<GatewayRecord> gateway(String gatewayId);

    /** All stores, by id. */
    List<Store> stores();

    /** All gateways, by id. */
    List<GatewayRecord> gateways();

    @Override
    void close();
}
