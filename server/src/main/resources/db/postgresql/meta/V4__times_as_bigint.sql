-- PostgreSQL only (db/sqlite/meta has the SQLite twin). V1-V3 declare epoch milliseconds and versions as INTEGER,
-- which SQLite stores in up to 8 bytes but PostgreSQL as 4 (int4 ends at 2^31 - 1 ms, January 1970). Widen them to
-- BIGINT (int8); the tables are still empty when this runs on a new database.
ALTER TABLE gateway ALTER COLUMN created_ms TYPE BIGINT;
ALTER TABLE gateway_settings ALTER COLUMN version TYPE BIGINT, ALTER COLUMN updated_ms TYPE BIGINT;
ALTER TABLE gateway_health ALTER COLUMN received_ms TYPE BIGINT;
ALTER TABLE provisioning_code ALTER COLUMN issued_ms TYPE BIGINT, ALTER COLUMN expires_ms TYPE BIGINT,
    ALTER COLUMN used_ms TYPE BIGINT;
