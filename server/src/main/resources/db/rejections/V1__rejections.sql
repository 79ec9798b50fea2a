-- Every refusal with the refused payload (NULL for refused connections and subscriptions), so that nothing a gateway
-- sent is lost even when it cannot keep a copy itself (MQTT 3.1.1 clients never learn of a refusal).
CREATE TABLE rejection (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms      INTEGER NOT NULL,
    gateway_id TEXT    NOT NULL,
    reason     TEXT    NOT NULL,
    detail     TEXT    NOT NULL,
    payload    BLOB
);
