import VintageSQLite

/// Every statement a format-2 log runs often, prepared once per connection.
final class LogStatements {
    /// The statements only an append runs, prepared by its first ``prepareWrites(_:)``: a
    /// command that only reads prepares none of them.
    private var writes: WriteStatements?

    let lastSeq: SQLiteStatement
    /// The batch holding a seq: first_seq, last_seq, link.
    let batchHolding: SQLiteStatement
    /// The bytes of the batch starting at a seq.
    let batchBody: SQLiteStatement
    let seqsWithIDKey: SQLiteStatement

    var lastBatch: SQLiteStatement { written.lastBatch }
    var insertBatch: SQLiteStatement { written.insertBatch }
    var insertEventID: SQLiteStatement { written.insertEventID }
    var postings: PostingStatements { written.postings }
    var allSeries: SQLiteStatement { written.allSeries }
    var insertSeries: SQLiteStatement { written.insertSeries }
    var updateSeries: SQLiteStatement { written.updateSeries }
    var allOverrides: SQLiteStatement { written.allOverrides }
    var setOverride: SQLiteStatement { written.setOverride }

    init(_ db: SQLiteConnection) throws(SQLiteError) {
        // The last batch's last seq: batches cover consecutive seqs in first_seq order, so
        // this is max(last_seq), read from the primary key's last leaf page instead of
        // scanning every batch row (80 pages of 16 KB on a 6.26 M-vintage log, a third of a
        // cold query's page faults; issue 11 point 18).
        lastSeq = try db.prepare("SELECT coalesce((SELECT last_seq FROM batches ORDER BY first_seq DESC LIMIT 1), 0)")
        batchHolding = try db.prepare("SELECT first_seq, last_seq, link FROM batches WHERE first_seq <= ? ORDER BY first_seq DESC LIMIT 1")
        batchBody = try db.prepare("SELECT body FROM batches WHERE first_seq = ?")
        seqsWithIDKey = try db.prepare("SELECT seq FROM event_ids WHERE id_key = ?")
    }

    /// Prepares the append's statements, once per connection.
    func prepareWrites(_ db: SQLiteConnection, format: Int) throws(SQLiteError) {
        if writes == nil { writes = try WriteStatements(db, format: format) }
    }

    private var written: WriteStatements {
        guard let writes else { preconditionFailure("a write statement used before prepareWrites") }
        return writes
    }
}

/// The statements of ``LogStatements`` only an append runs.
final class WriteStatements {
    let lastBatch: SQLiteStatement
    let insertBatch: SQLiteStatement
    let insertEventID: SQLiteStatement
    let postings: PostingStatements
    let allSeries: SQLiteStatement
    let insertSeries: SQLiteStatement
    let updateSeries: SQLiteStatement
    let allOverrides: SQLiteStatement
    let setOverride: SQLiteStatement

    init(_ db: SQLiteConnection, format: Int) throws(SQLiteError) {
        lastBatch = try db.prepare("SELECT last_seq, link FROM batches ORDER BY first_seq DESC LIMIT 1")
        insertBatch = try db.prepare("INSERT INTO batches(first_seq, last_seq, recorded_at, body, digest, link) VALUES(?,?,?,?,?,?)")
        insertEventID = try db.prepare("INSERT OR IGNORE INTO event_ids(id_key, seq) VALUES(?, ?)")
        if format == LogSchema.formatTwo {
            postings = .rows(
                insert: try db.prepare("INSERT INTO series_batches(series_no, first_seq, min_released, max_released) VALUES(?,?,?,?)"),
                lookup: try db.prepare(
                    """
                    SELECT first_seq FROM series_batches WHERE series_no = ? AND min_released <= ?2 AND max_released >= ?2 ORDER BY first_seq
                    """))
        } else {
            postings = .lists(
                last: try db.prepare("SELECT first_seq, entries FROM series_batch_lists WHERE series_no = ? ORDER BY first_seq DESC LIMIT 1"),
                put: try db.prepare(
                    """
                    INSERT OR REPLACE INTO series_batch_lists(series_no, first_seq, min_released, max_released, entries) VALUES(?,?,?,?,?)
                    """),
                lookup: try db.prepare(
                    """
                    SELECT first_seq, entries FROM series_batch_lists WHERE series_no = ? AND min_released <= ?2 AND max_released >= ?2 ORDER BY first_seq
                    """))
        }
        allSeries = try db.prepare("SELECT id, series_no, definitions, figures, last_released FROM series")
        insertSeries = try db.prepare("INSERT INTO series(id, definitions, figures) VALUES(?, 0, 0) RETURNING series_no")
        updateSeries = try db.prepare("UPDATE series SET definitions = ?, figures = ?, last_released = ? WHERE series_no = ?")
        allOverrides = try db.prepare("SELECT target_seq, by_seq FROM overrides")
        setOverride = try db.prepare(
            """
            INSERT INTO overrides(target_seq, by_seq) VALUES(?, ?) ON CONFLICT(target_seq) DO UPDATE SET by_seq = excluded.by_seq
            """)
    }
}

/// The statements of the index saying which batches hold a series' figures, by store format.
enum PostingStatements {
    /// Format 2: one `series_batches` row per (series, batch); `lookup` gives the first seqs
    /// of the batches whose range holds a release time.
    case rows(insert: SQLiteStatement, lookup: SQLiteStatement)
    /// Format 3: ``SeriesBatchList`` rows; `last` gives a series' last list (first seq,
    /// blob), `put` writes a list, `lookup` gives the lists whose range holds a release time.
    case lists(last: SQLiteStatement, put: SQLiteStatement, lookup: SQLiteStatement)
}
