import VintageLog
import VintageSQLite

extension LogUpgrade {
    /// Marks a format-3 log format 4, in one write transaction: format 4 is format 3 whose
    /// new batches may hold entropy-coded columns, so nothing is rewritten (the batches,
    /// links and heads stay as they are); from then on, versions that read only format 3
    /// refuse the log instead of meeting batches they cannot decode. A log another process
    /// marked meanwhile is left as it is.
    static func markFormatFour(_ log: SQLiteEventLog) throws(LogError) {
        try beginWriting(log)
        do {
            if try log.db.scalarText("SELECT value FROM store_meta WHERE key='format_version'") == String(LogSchema.formatThree) {
                try log.db.execute("UPDATE store_meta SET value = '\(LogSchema.formatVersion)' WHERE key = 'format_version'")
            }
            try log.db.execute("COMMIT")
        } catch {
            try? log.db.execute("ROLLBACK")
            throw SQLiteEventLog.classify(error, path: log.path)
        }
    }
}
