-- Cold stores (a village's 保鲜库) and the gateways installed in them.
CREATE TABLE store (
    id     TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    region TEXT NOT NULL
);

-- secret_sha256: hex SHA-256 of the gateway's secret. Secrets are 256-bit random tokens issued by the server,
-- so a fast hash is enough (no dictionary to attack); the secret itself is never stored.
CREATE TABLE gateway (
    id            TEXT PRIMARY KEY,
    store_id      TEXT NOT NULL REFERENCES store (id),
    secret_sha256 TEXT NOT NULL,
    created_ms    INTEGER NOT NULL
);
