package org.coldwatch.server.rollups;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.server.storage.SqliteFiles;
import org.coldwatch.server.storage.StorageException;

/** Reads the {@code rollup} table of the readings database over its own connection. */
public final class SqliteRollupQueries implements RollupQueries {
    private final Connection connection;

    private SqliteRollupQueries(Connection connection) {
        this.connection = connection;
    }

    /**
     * Opens a reading connection to {@code file}, which the reading store has already migrated.
     *
     * @throws SQLException if the file cannot be opened
     */
    public static SqliteRollupQueries open(Path file) throws SQLException {
        return new SqliteRollupQueries(SqliteFiles.open(file, SqliteFiles.Durability.FULL));
    }

    @Override
    public synchronized List<Rollup> rollups(String gatewayId, Optional<String> sensorId,
                                             Optional<ReadingKind> kind, Resolution resolution, Instant from,
                                             Instant to, int limit) {
        String sql = "SELECT sensor_id, kind, local_start, reading_count, value_sum, value_min, value_max,"
                + " covered_ms, in_range_ms FROM rollup WHERE gateway_id = ? AND resolution = ?"
                + (sensorId.isPresent() ? " AND sensor_id = ?" : "") + (kind.isPresent() ? " AND kind = ?" : "")
                + " AND bucket_ms >= ? AND bucket_ms < ? ORDER BY sensor_id, kind, bucket_ms LIMIT ?";
        List<Rollup> result = new ArrayList<>();
        try (PreparedStatement q = connection.prepareStatement(sql)) {
            int i = 1;
            q.setString(i++, gatewayId);
            q.setString(i++, resolution.label());
            if (sensorId.isPresent()) {
                q.setString(i++, sensorId.get());
            }
            if (kind.isPresent()) {
                q.setString(i++, kind.get().wireName());
            }
            q.setLong(i++, from.toEpochMilli());
            q.setLong(i++, to.toEpochMilli());
            q.setInt(i, limit);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ReadingKind k = ReadingKind.fromWireName(rs.getString(2)).orElseThrow();
                    result.add(new Rollup(new SeriesKey(gatewayId, rs.getString(1), k), resolution,
                            OffsetDateTime.parse(rs.getString(3)), new RollupStats(rs.getLong(4), rs.getDouble(5),
                            rs.getDouble(6), rs.getDouble(7), rs.getLong(8), rs.getLong(9))));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("reading rollups failed", e);
        }
        return result;
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StorageException("closing the rollup connection failed", e);
        }
    }
}
