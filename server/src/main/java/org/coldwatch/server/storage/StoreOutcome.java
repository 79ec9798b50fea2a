package org.coldwatch.server.storage;

/** What storing a batch did. Both outcomes are durable and may be acknowledged to the gateway. */
public enum StoreOutcome {
    /** The batch was new and is now committed. */
    STORED,
    /** A batch with the same (gateway, seq) was committed before; nothing was written. */
    DUPLICATE
}
