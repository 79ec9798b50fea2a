package org.coldwatch.gateway.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.coldwatch.protocol.ReadingKind;

/**
 * The outbox's {@code sensor} table cached in memory: (sensor id, kind) ↔ a small integer stored in every pending
 * row instead of two strings. Entries are only ever added. Not thread-safe; used under the outbox's monitor.
 */
final class SensorDictionary {
    /** A dictionary entry. */
    record Entry(String sensorId, ReadingKind kind) {
    }

    private final Map<Entry, Long> refs = new HashMap<>();
    private final Map<Long, Entry> entries = new HashMap<>();

    /** (Re)reads the table: at open, and after a rollback to forget entries of the lost transaction. */
    void load(Connection db) throws SQLException {
        refs.clear();
        entries.clear();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT ref, name, kind FROM sensor")) {
            while (rs.next()) {
                String kindName = rs.getString(3);
                ReadingKind kind = ReadingKind.fromWireName(kindName).orElseThrow(() -> new SQLException(
                        "sensor table has unknown kind '" + kindName + "'"));
                put(rs.getLong(1), new Entry(rs.getString(2), kind));
            }
        }
    }

    /** The ref of (sensorId, kind), inserted in the caller's transaction if new. */
    long ref(Connection db, String sensorId, ReadingKind kind) throws SQLException {
        Entry entry = new Entry(sensorId, kind);
        Long ref = refs.get(entry);
        if (ref != null) {
            return ref;
        }
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO sensor (name, kind) VALUES (?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, sensorId);
            insert.setString(2, kind.wireName());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                long newRef = keys.getLong(1);
                put(newRef, entry);
                return newRef;
            }
        }
    }

    /** The entry for {@code ref}. */
    Entry entry(long ref) throws SQLException {
        Entry e = entries.get(ref);
        if (e == null) {
            throw new SQLException("pending reading refers to unknown sensor ref " + ref);
        }
        return e;
    }

    private void put(long ref, Entry entry) {
        refs.put(entry, ref);
        entries.put(ref, entry);
    }
}
