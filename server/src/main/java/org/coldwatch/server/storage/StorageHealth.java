package org.coldwatch.server.storage;

/**
 * Whether a store can currently commit writes.
 *
 * @param up     true while the last write (or the opening) succeeded
 * @param detail a short human-readable state, e.g. the last error
 */
public record StorageHealth(boolean up, String detail) {
}
