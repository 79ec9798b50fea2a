-- Desired settings per gateway (issue 3, remote configuration): the latest version only; the server increments
-- version on every change and publishes payload (GatewaySettingsCodec JSON, version included) retained on the
-- gateway's config topic.
CREATE TABLE gateway_settings (
    gateway_id TEXT PRIMARY KEY REFERENCES gateway (id),
    version    INTEGER NOT NULL CHECK (version >= 1),
    payload    TEXT NOT NULL,
    updated_ms INTEGER NOT NULL
);

-- The latest health report of each gateway (GatewayHealthCodec JSON as received, after validation).
CREATE TABLE gateway_health (
    gateway_id  TEXT PRIMARY KEY REFERENCES gateway (id),
    received_ms INTEGER NOT NULL,
    payload     TEXT NOT NULL
);
