extension SQLiteEventLog {
    /// The chain position at `seq`: the link of the batch ending there (of the event there,
    /// in a format-1 log), or nil when no batch ends at `seq`.
    public func head(at seq: Int64) throws(LogError) -> LogHead? {
        try guarded {
            if format == LogSchema.formatOne { return try formatOneHead(at: seq) }
            let s = try db.prepare("SELECT link FROM batches WHERE last_seq = ?", persistent: false)
            try s.bind(1, seq)
            return try s.step() ? LogHead(seq: seq, link: s.bytes(0)) : nil
        }
    }
}
