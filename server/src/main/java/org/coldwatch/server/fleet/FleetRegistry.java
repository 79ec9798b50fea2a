package org.coldwatch.server.fleet;

import java.time.Duration;
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

    /**
     * Issues a one-time provisioning code for a gateway in a store (the gateway need not be registered yet).
     *
     * @param validFor how long the code works if unused
     * @param mqttUri  the uplink address to hand to the gateway, or empty to let the server derive it
     * @throws IllegalArgumentException if the store does not exist or the id is invalid
     */
    IssuedCode issueProvisioningCode(String gatewayId, String storeId, Duration validFor, Optional<String> mqttUri);

    /**
     * Exchanges a provisioning code, once, for the gateway's credentials: in one transaction the code is marked used
     * and the gateway is registered with a new secret (replacing an earlier one, so a re-provisioned box takes over
     * and the old secret stops working).
     *
     * @param typedCode what the technician typed (look-alikes, case and dashes are forgiven)
     * @param usedFrom  who redeemed it (remote address), kept for the audit
     * @throws ProvisioningRefused if the code is unknown, expired or used
     */
    ProvisionedGateway redeemProvisioningCode(String typedCode, String usedFrom);

    /** The gateway with this id, if registered. */
    Optional<GatewayRecord> gateway(String gatewayId);

    /** All stores, by id. */
    List<Store> stores();

    /** All gateways, by id. */
    List<GatewayRecord> gateways();

    @Override
    void close();
}
