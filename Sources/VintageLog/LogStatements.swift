/// Every statement the log runs, prepared once per connection.
final class LogStatements {
    let lastEvent: SQLiteStatement
    let lastSeq: SQLiteStatement
    let insertEvent: SQLiteStatement
    let insertEventID: SQLiteStatement
    /// ``insertEventID`` for ``rowsPerInsert`` rows at once.
    let insertEventIDs: SQLiteStatement
    /// ``insertEvent`` for ``rowsPerInsert`` rows at once.
    let insertEvents: SQLiteStatement
    let insertEventIDCollision: SQLiteStatement
    let moveEventID: SQLiteStatement
    let moveEventIDCollision: SQLiteStatement
    let seqWithIDKey: SQLiteStatement
    let seqsWithIDKey: SQLiteStatement
    let eventAt: SQLiteStatement
    let allSeries: SQLiteStatement
    let insertSeries: SQLiteStatement
    let setDefinitions: SQLiteStatement
    let seriesHasFigures: SQLiteStatement
    let addVintage: SQLiteStatement
    let vintageValue: SQLiteStatement
    let releaseVintage: SQLiteStatement
    let dropVintage: SQLiteStatement
    let override: SQLiteStatement
    let setOverride: SQLiteStatement

    /// Rows written by one execution of the multi-row inserts: fewer statement executions
    /// per event on the append path.
    static let rowsPerInsert = 32

    init(_ db: SQLiteConnection) throws(SQLiteError) {
        let rows = LogStatements.rowsPerInsert
        lastEvent = try db.prepare("SELECT seq, link FROM events ORDER BY seq DESC LIMIT 1")
        lastSeq = try db.prepare("SELECT coalesce(max(seq), 0) FROM events")
        insertEvent = try db.prepare("INSERT INTO events(seq, id, type, recorded_at, body, checksum, link) VALUES(?,?,?,?,?,?,?)")
        insertEventID = try db.prepare("INSERT INTO event_ids(id_key, seq) VALUES(?, ?) ON CONFLICT DO NOTHING")
        insertEventIDs = try db.prepare(
            "INSERT INTO event_ids(id_key, seq) VALUES" + Array(repeating: "(?,?)", count: rows).joined(separator: ",") + " ON CONFLICT DO NOTHING")
        insertEvents = try db.prepare(
            "INSERT INTO events(seq, id, type, recorded_at, body, checksum, link) VALUES" + Array(repeating: "(?,?,?,?,?,?,?)", count: rows).joined(separator: ","))
        insertEventIDCollision = try db.prepare("INSERT INTO event_id_collisions(id_key, seq) VALUES(?, ?)")
        moveEventID = try db.prepare("UPDATE event_ids SET seq = ?3 WHERE id_key = ?1 AND seq = ?2")
        moveEventIDCollision = try db.prepare("UPDATE event_id_collisions SET seq = ?3 WHERE id_key = ?1 AND seq = ?2")
        seqWithIDKey = try db.prepare("SELECT seq FROM event_ids WHERE id_key = ?")
        seqsWithIDKey = try db.prepare("""
            SELECT seq FROM event_ids WHERE id_key = ?1 UNION ALL SELECT seq FROM event_id_collisions WHERE id_key = ?1
            """)
        eventAt = try db.prepare("SELECT id, type, body, checksum FROM events WHERE seq = ?")
        allSeries = try db.prepare("SELECT id, series_no, definitions FROM series")
        insertSeries = try db.prepare("INSERT INTO series(id, definitions) VALUES(?, 1) RETURNING series_no")
        setDefinitions = try db.prepare("UPDATE series SET definitions = ? WHERE series_no = ?")
        seriesHasFigures = try db.prepare("SELECT 1 FROM vintages WHERE series_no = ? LIMIT 1")
        // Adds a reference to a vintage; changes nothing when the vintage exists with another value.
        addVintage = try db.prepare("""
            INSERT INTO vintages(series_no, period, released_at, value, refs) VALUES(?,?,?,?,1)
            ON CONFLICT DO UPDATE SET refs = refs + 1 WHERE value = excluded.value
            """)
        vintageValue = try db.prepare("SELECT value FROM vintages WHERE series_no = ? AND period = ? AND released_at = ?")
        releaseVintage = try db.prepare("UPDATE vintages SET refs = refs - 1 WHERE series_no = ? AND period = ? AND released_at = ?")
        dropVintage = try db.prepare("DELETE FROM vintages WHERE series_no = ? AND period = ? AND released_at = ? AND refs <= 0")
        override = try db.prepare("SELECT e.type, e.body FROM overrides o JOIN events e ON e.seq = o.by_seq WHERE o.target_seq = ?")
        setOverride = try db.prepare("""
            INSERT INTO overrides(target_seq, by_seq) VALUES(?, ?) ON CONFLICT(target_seq) DO UPDATE SET by_seq = excluded.by_seq
            """)
    }
}
