package org.coldwatch.server.ingest;

import java.util.Optional;
import org.coldwatch.server.fleet.GatewayRecord;
import org.coldwatch.server.fleet.Secrets;

/** Decides whether an MQTT CONNECT may proceed. Pure: the caller looks the gateway up. */
public final class ConnectAuthenticator {

    private ConnectAuthenticator() {
    }

    /**
     * Checks a CONNECT's credentials.
     *
     * @param clientId  the MQTT client id, which must equal the user name
     * @param username  the claimed gateway id (may be null)
     * @param password  the presented secret (may be null)
     * @param registered the registered gateway with that id, if any
     * @return empty if the gateway may connect, otherwise the refusal
     */
    public static Optional<RefusedException> check(String clientId, String username, String password,
                                                   Optional<GatewayRecord> registered) {
        if (username == null || registered.isEmpty()) {
            return Optional.of(new RefusedException(RejectReason.UNKNOWN_GATEWAY,
                    "no registered gateway has the user name '" + username + "'"));
        }
        if (password == null || !Secrets.matches(password, registered.get().secretSha256())) {
            return Optional.of(new RefusedException(RejectReason.BAD_SECRET,
                    "wrong secret for gateway '" + username + "'"));
        }
        if (!username.equals(clientId)) {
            return Optional.of(new RefusedException(RejectReason.CLIENT_ID_MISMATCH,
                    "client id '" + clientId + "' must equal the gateway id '" + username + "'"));
        }
        return Optional.empty();
    }
}
