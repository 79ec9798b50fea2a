-- One-time provisioning codes. An administrator issues a code for a gateway id in a store; the technician types it
-- into `coldwatch-gateway provision`, which exchanges it once for the gateway's credentials. Only the SHA-256 of the
-- normalised code is stored. used_ms is set in the same transaction that issues the gateway's secret.
CREATE TABLE provisioning_code (
    code_sha256 TEXT PRIMARY KEY,
    gateway_id  TEXT NOT NULL,
    store_id    TEXT NOT NULL REFERENCES store (id),
    mqtt_uri    TEXT,
    issued_ms   INTEGER NOT NULL,
    expires_ms  INTEGER NOT NULL,
    used_ms     INTEGER,
    used_from   TEXT
);

CREATE INDEX provisioning_code_gateway ON provisioning_code (gateway_id);
