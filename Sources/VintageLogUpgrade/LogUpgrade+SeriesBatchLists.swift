import VintageLog
import VintageSQLite

extension LogUpgrade {
    /// Converts a format-2 log to format 3 in place, in one write transaction: its
    /// `series_batches` rows become ``SeriesBatchList`` rows (each series' batches in order,
    /// up to ``SeriesBatchList/capacity`` a row), the old table is dropped and the format
    /// version set; then `VACUUM` returns the freed pages to the file system and a checkpoint folds the
    /// write-ahead log back into the file. The batches
    /// (events, links) are not touched, so heads recorded before still match. A log another
    /// process converted meanwhile is left as it is.
    static func packSeriesBatches(_ log: SQLiteEventLog) throws(LogError) {
        try beginWriting(log)
        do {
            guard try log.db.scalarText("SELECT value FROM store_meta WHERE key='format_version'") == String(LogSchema.formatTwo) else {
                try log.db.execute("COMMIT")
                return
            }
            try log.db.execute(LogSchema.seriesBatchListsTable)
            let put = try log.db.prepare(
                "INSERT INTO series_batch_lists(series_no, first_seq, min_released, max_released, entries) VALUES(?,?,?,?,?)",
                persistent: false)
            func write(_ series: Int64, _ entries: [SeriesBatchList.Entry]) throws {
                guard let first = entries.first else { return }
                let list = SeriesBatchList(entries: entries)
                let span = list.releaseRange
                defer { put.reset(); put.clearBindings() }
                try put.bind(1, series)
                try put.bind(2, first.firstSeq)
                try put.bind(3, span.low)
                try put.bind(4, span.high)
                try put.bindBlob(5, list.encoded())
                try put.step()
            }
            let rows = try log.db.prepare(
                "SELECT series_no, first_seq, min_released, max_released FROM series_batches ORDER BY series_no, first_seq",
                persistent: false)
            var series: Int64? = nil
            var entries: [SeriesBatchList.Entry] = []
            while try rows.step() {
                let number = rows.int64(0)
                if number != series || entries.count == SeriesBatchList.capacity {
                    if let series { try write(series, entries) }
                    series = number
                    entries = []
                }
                entries.append(SeriesBatchList.Entry(firstSeq: rows.int64(1), low: rows.int64(2), high: rows.int64(3)))
            }
            if let series { try write(series, entries) }
            try log.db.execute("DROP TABLE series_batches")
            try log.db.execute("UPDATE store_meta SET value = '\(LogSchema.formatVersion)' WHERE key = 'format_version'")
            try log.db.execute("COMMIT")
        } catch {
            try? log.db.execute("ROLLBACK")
            if let e = error as? SQLiteError { throw SQLiteEventLog.classify(e, path: log.path) }
            if let e = error as? LogError { throw e }
            throw .damaged(path: log.path, reason: "\(error)")
        }
        // VACUUM writes the whole database through the write-ahead log: fold it back into the
        // file (a reader holding a snapshot may leave some of it for later).
        do {
            try log.db.execute("VACUUM")
            try log.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        } catch {
            throw SQLiteEventLog.classify(error, path: log.path)
        }
    }
}
