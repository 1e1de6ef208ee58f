/// Every statement the log runs, prepared once per connection.
final class LogStatements {
    /// The statements only an append runs, prepared by its first ``prepareWrites(_:)``: a
    /// command that only reads prepares none of them.
    private var writes: WriteStatements?

    var lastEvent: SQLiteStatement { written.lastEvent }
    let lastSeq: SQLiteStatement
    var insertEvent: SQLiteStatement { written.insertEvent }
    var insertEventID: SQLiteStatement { written.insertEventID }
    /// ``insertEventID`` for ``rowsPerInsert`` rows at once.
    var insertEventIDs: SQLiteStatement { written.insertEventIDs }
    /// ``insertEvent`` for ``rowsPerInsert`` rows at once.
    var insertEvents: SQLiteStatement { written.insertEvents }
    var insertEventIDCollision: SQLiteStatement { written.insertEventIDCollision }
    var moveEventID: SQLiteStatement { written.moveEventID }
    var moveEventIDCollision: SQLiteStatement { written.moveEventIDCollision }
    var seqWithIDKey: SQLiteStatement { written.seqWithIDKey }
    let seqsWithIDKey: SQLiteStatement
    let eventAt: SQLiteStatement
    var allSeries: SQLiteStatement { written.allSeries }
    var insertSeries: SQLiteStatement { written.insertSeries }
    var setDefinitions: SQLiteStatement { written.setDefinitions }
    var seriesHasFigures: SQLiteStatement { written.seriesHasFigures }
    var addVintage: SQLiteStatement { written.addVintage }
    var vintageValue: SQLiteStatement { written.vintageValue }
    var releaseVintage: SQLiteStatement { written.releaseVintage }
    var dropVintage: SQLiteStatement { written.dropVintage }
    let override: SQLiteStatement
    var setOverride: SQLiteStatement { written.setOverride }

    /// Rows written by one execution of the multi-row inserts: fewer statement executions
    /// per event on the append path.
    static let rowsPerInsert = 32

    init(_ db: SQLiteConnection) throws(SQLiteError) {
        lastSeq = try db.prepare("SELECT coalesce(max(seq), 0) FROM events")
        seqsWithIDKey = try db.prepare("""
            SELECT seq FROM event_ids WHERE id_key = ?1 UNION ALL SELECT seq FROM event_id_collisions WHERE id_key = ?1
            """)
        eventAt = try db.prepare("SELECT id, type, body, checksum FROM events WHERE seq = ?")
        override = try db.prepare("SELECT e.type, e.body FROM overrides o JOIN events e ON e.seq = o.by_seq WHERE o.target_seq = ?")
    }

    /// Prepares the append's statements, once per connection.
    func prepareWrites(_ db: SQLiteConnection) throws(SQLiteError) {
        if writes == nil { writes = try WriteStatements(db) }
    }

    private var written: WriteStatements {
        guard let writes else { preconditionFailure("a write statement used before prepareWrites") }
        return writes
    }
}

/// The statements of ``LogStatements`` only an append runs.
final class WriteStatements {
    let insertEvent: SQLiteStatement
    let insertEventID: SQLiteStatement
    let insertEventIDs: SQLiteStatement
    let insertEvents: SQLiteStatement
    let insertEventIDCollision: SQLiteStatement
    let moveEventID: SQLiteStatement
    let moveEventIDCollision: SQLiteStatement
    let insertSeries: SQLiteStatement
    let setDefinitions: SQLiteStatement
    let addVintage: SQLiteStatement
    let releaseVintage: SQLiteStatement
    let dropVintage: SQLiteStatement
    let setOverride: SQLiteStatement
    let lastEvent: SQLiteStatement
    let seqWithIDKey: SQLiteStatement
    let allSeries: SQLiteStatement
    let seriesHasFigures: SQLiteStatement
    let vintageValue: SQLiteStatement

    init(_ db: SQLiteConnection) throws(SQLiteError) {
        let rows = LogStatements.rowsPerInsert
        lastEvent = try db.prepare("SELECT seq, link FROM events ORDER BY seq DESC LIMIT 1")
        seqWithIDKey = try db.prepare("SELECT seq FROM event_ids WHERE id_key = ?")
        allSeries = try db.prepare("SELECT id, series_no, definitions FROM series")
        seriesHasFigures = try db.prepare("SELECT 1 FROM vintages WHERE series_no = ? LIMIT 1")
        vintageValue = try db.prepare("SELECT value FROM vintages WHERE series_no = ? AND period = ? AND released_at = ?")
        insertEvent = try db.prepare("INSERT INTO events(seq, id, type, recorded_at, body, checksum, link) VALUES(?,?,?,?,?,?,?)")
        insertEventID = try db.prepare("INSERT INTO event_ids(id_key, seq) VALUES(?, ?) ON CONFLICT DO NOTHING")
        insertEventIDs = try db.prepare(
            "INSERT INTO event_ids(id_key, seq) VALUES" + Array(repeating: "(?,?)", count: rows).joined(separator: ",") + " ON CONFLICT DO NOTHING")
        insertEvents = try db.prepare(
            "INSERT INTO events(seq, id, type, recorded_at, body, checksum, link) VALUES" + Array(repeating: "(?,?,?,?,?,?,?)", count: rows).joined(separator: ","))
        insertEventIDCollision = try db.prepare("INSERT INTO event_id_collisions(id_key, seq) VALUES(?, ?)")
        moveEventID = try db.prepare("UPDATE event_ids SET seq = ?3 WHERE id_key = ?1 AND seq = ?2")
        moveEventIDCollision = try db.prepare("UPDATE event_id_collisions SET seq = ?3 WHERE id_key = ?1 AND seq = ?2")
        insertSeries = try db.prepare("INSERT INTO series(id, definitions) VALUES(?, 1) RETURNING series_no")
        setDefinitions = try db.prepare("UPDATE series SET definitions = ? WHERE series_no = ?")
        // Adds a reference to a vintage; changes nothing when the vintage exists with another value.
        addVintage = try db.prepare("""
            INSERT INTO vintages(series_no, period, released_at, value, refs) VALUES(?,?,?,?,1)
            ON CONFLICT DO UPDATE SET refs = refs + 1 WHERE value = excluded.value
            """)
        releaseVintage = try db.prepare("UPDATE vintages SET refs = refs - 1 WHERE series_no = ? AND period = ? AND released_at = ?")
        dropVintage = try db.prepare("DELETE FROM vintages WHERE series_no = ? AND period = ? AND released_at = ? AND refs <= 0")
        setOverride = try db.prepare("""
            INSERT INTO overrides(target_seq, by_seq) VALUES(?, ?) ON CONFLICT(target_seq) DO UPDATE SET by_seq = excluded.by_seq
            """)
    }
}
