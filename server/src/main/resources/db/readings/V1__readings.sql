-- One row per accepted batch: the (gateway, seq) key is what makes ingest idempotent.
CREATE TABLE batch (
    gateway_id    TEXT    NOT NULL,
    seq           INTEGER NOT NULL,
    received_ms   INTEGER NOT NULL,
    reading_count INTEGER NOT NULL,
    PRIMARY KEY (gateway_id, seq)
) WITHOUT ROWID;

CREATE TABLE reading (
    gateway_id  TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    idx         INTEGER NOT NULL,
    sensor_id   TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    value       REAL    NOT NULL,
    measured_ms INTEGER NOT NULL,
    received_ms INTEGER NOT NULL,
    PRIMARY KEY (gateway_id, seq, idx)
) WITHOUT ROWID;

CREATE INDEX reading_by_sensor_time ON reading (gateway_id, sensor_id, measured_ms);

-- The newest reading per (gateway, sensor, kind), kept current in the same transaction as the insert.
CREATE TABLE latest (
    gateway_id  TEXT    NOT NULL,
    sensor_id   TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    value       REAL    NOT NULL,
    measured_ms INTEGER NOT NULL,
    PRIMARY KEY (gateway_id, sensor_id, kind)
) WITHOUT ROWID;
