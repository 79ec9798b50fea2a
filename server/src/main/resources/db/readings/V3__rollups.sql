-- Rollups per series (gateway, sensor, kind) and bucket, kept current in the same transaction as the readings
-- (server package org.coldwatch.server.rollups; the rules are in RollupCalculator). bucket_ms is the bucket's start
-- instant; local_start its local date-time in the zone of rollups.zone at the time of writing.
CREATE TABLE rollup (
    gateway_id      TEXT    NOT NULL,
    sensor_id       TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    resolution      TEXT    NOT NULL,  -- minute | hour | day
    bucket_ms       INTEGER NOT NULL,
    local_start     TEXT    NOT NULL,
    reading_count   INTEGER NOT NULL,
    value_sum       REAL    NOT NULL,
    value_min       REAL    NOT NULL,
    value_max       REAL    NOT NULL,
    covered_ms      INTEGER NOT NULL,
    in_range_ms     INTEGER NOT NULL,
    PRIMARY KEY (gateway_id, resolution, sensor_id, kind, bucket_ms)
) WITHOUT ROWID;
