import VintageCore

extension SQLiteEventLog {
    /// The stored event at `seq`, if any.
    public func storedEvent(at seq: Int64) throws(LogError) -> StoredEvent? {
        try guarded {
            if format == LogSchema.formatOne { return try formatOneLookUpEvent(at: seq) }
            guard let batch = try batch(holding: seq), let i = batch.index(of: seq) else { return nil }
            return batch.events[i]
        }
    }

    /// The stored event with this id, if any.
    public func storedEvent(withID id: EventID) throws(LogError) -> StoredEvent? {
        try guarded {
            if format == LogSchema.formatOne { return try formatOneLookUpEvent(withID: id) }
            let probe = sql.seqsWithIDKey
            let candidates = try probe.seqs(withIDKey: id.indexKey)
            for seq in candidates {
                if let batch = try batch(holding: seq), let i = batch.index(of: seq), batch.events[i].id == id { return batch.events[i] }
            }
            return id.hasDerivedForm ? try scanForDerivedID(id, before: .max) : nil
        }
    }

    /// The event before `seq` whose derived id is `id`, found by reading every batch (the
    /// id index holds only the derived ids of events without figures and of targets).
    func scanForDerivedID(_ id: EventID, before seq: Int64) throws -> StoredEvent? {
        var found: StoredEvent?
        try forEachBatchRow(fromSeq: 1, throughSeq: seq - 1) { row in
            let batch = try openBatch(firstSeq: row.firstSeq, lastSeq: row.lastSeq, bytes: row.body)
            try batch.forEachCanonicalEvent { index, type, explicitID, json in
                guard found == nil, explicitID == nil, row.firstSeq + Int64(index) < seq else { return }
                let body = Array(json)
                let checksum = contentHash(of: body)
                if EventID(derivedFromContentHash: checksum) == id {
                    found = StoredEvent(seq: row.firstSeq + Int64(index), id: id, type: type, body: body, checksum: checksum)
                }
            }
            return found == nil
        }
        return found
    }

    /// Calls `body` with each stored event from `fromSeq` on (through `throughSeq`, if
    /// given), in seq order — without the recording time and chain link.
    public func forEachStoredEvent(fromSeq: Int64, throughSeq: Int64 = .max, _ body: (StoredEvent) throws -> Void) throws {
        if format == LogSchema.formatOne {
            return try formatOneScanEvents(fromSeq: fromSeq, throughSeq: throughSeq, checksums: true) { seq, id, type, json, checksum in
                try body(StoredEvent(seq: seq, id: id, type: type, body: Array(json), checksum: checksum))
            }
        }
        try forEachBatchRow(fromSeq: fromSeq, throughSeq: throughSeq) { row in
            let batch = try decodeBatch(firstSeq: row.firstSeq, lastSeq: row.lastSeq, bytes: row.body)
            for e in batch.events where e.seq >= fromSeq && e.seq <= throughSeq { try body(e) }
            return true
        }
    }
}
