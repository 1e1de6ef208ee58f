extension SQLiteEventLog {
    /// The chain position of the event at `seq`, or nil when the log holds no such event.
    public func head(at seq: Int64) throws(LogError) -> LogHead? {
        try guarded {
            let s = try db.prepare("SELECT link FROM events WHERE seq = ?", persistent: false)
            try s.bind(1, seq)
            return try s.step() ? LogHead(seq: seq, link: s.bytes(0)) : nil
        }
    }
}
