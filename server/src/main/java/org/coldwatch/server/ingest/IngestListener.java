package org.coldwatch.server.ingest;

import org.coldwatch.protocol.TelemetryBatch;

/** Told about what ingest has done: the live hub, and later the alert and spoilage engines, listen here. */
public interface IngestListener {

    /** A batch was durably stored (not called for duplicates). Called on any thread; must not block. */
    void stored(TelemetryBatch batch);

    /** A gateway of a store connected or disconnected. Called on any thread; must not block. */
    void presenceChanged(String gatewayId, String storeId, boolean online);

    /** A listener that does nothing. */
    IngestListener NONE = new IngestListener() {
        @Override
        public void stored(TelemetryBatch batch) {
        }

        @Override
        public void presenceChanged(String gatewayId, String storeId, boolean online) {
        }
    };
}
