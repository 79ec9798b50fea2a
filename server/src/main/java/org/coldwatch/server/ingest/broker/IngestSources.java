package org.coldwatch.server.ingest.broker;

import java.util.Optional;

/**
 * Where readings come in ({@code ingest.source}): the built-in MQTT endpoint, an external broker, or both.
 *
 * @param endpoint whether the built-in MQTT endpoint listens
 * @param broker   the external broker to subscribe to, if any
 */
public record IngestSources(boolean endpoint, Optional<BrokerSettings> broker) {

    /** The built-in endpoint only: the default. */
    public static IngestSources endpointOnly() {
        return new IngestSources(true, Optional.empty());
    }
}
