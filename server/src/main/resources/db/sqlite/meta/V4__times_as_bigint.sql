-- SQLite only (db/postgresql/meta has the PostgreSQL twin, which widens INTEGER columns to BIGINT). SQLite's
-- INTEGER already holds 8-byte values (https://www.sqlite.org/datatype3.html, "Storage Classes and Datatypes"),
-- so nothing changes here; the file keeps the schema version the same on both databases.
SELECT 1;
