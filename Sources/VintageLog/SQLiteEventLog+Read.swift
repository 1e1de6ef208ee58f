import VintageBatch
import VintageCore
import VintageSQLite

extension SQLiteEventLog {
    /// Calls `body` with each event from `fromSeq` on (optionally of one type), in seq order,
    /// until it returns false. Reads one batch at a time: memory stays flat whatever the
    /// log's size. An event's ``LoggedEvent/link`` is the link of the batch holding it.
    public func forEachEvent(fromSeq: Int64, type: EventType?, _ body: (LoggedEvent) throws -> Bool) throws {
        if format == LogSchema.formatOne { return try formatOneForEachEvent(fromSeq: fromSeq, type: type, body) }
        try forEachBatchEvent(fromSeq: fromSeq, type: type) { row, seq, eventType, explicitID, json in
            let bytes = Array(json)
            let checksum = contentHash(of: bytes)
            return try body(
                LoggedEvent(
                    seq: seq, id: explicitID ?? EventID(derivedFromContentHash: checksum), type: eventType,
                    recordedAt: row.recordedAt, body: bytes, checksum: checksum, link: row.link))
        }
    }

    /// ``forEachEvent(fromSeq:type:_:)`` without a ``LoggedEvent`` per event (no copy of the
    /// JSON, no checksum kept, no link): `body` receives each event's seq, id, type,
    /// recording time and canonical JSON (valid during the call only), until it returns
    /// false. For printing the log.
    public func forEachEventText(
        fromSeq: Int64, type: EventType?,
        _ body: (
            _ seq: Int64, _ id: EventID, _ type: EventType, _ recordedAt: Timestamp,
            _ json: UnsafeBufferPointer<UInt8>
        ) throws -> Bool
    ) throws {
        if format == LogSchema.formatOne {
            return try formatOneForEachEvent(fromSeq: fromSeq, type: type) { e in
                try e.body.withUnsafeBufferPointer { try body(e.seq, e.id, e.type, e.recordedAt, $0) }
            }
        }
        try forEachBatchEvent(fromSeq: fromSeq, type: type) { row, seq, eventType, explicitID, json in
            try body(seq, EventID(given: explicitID, canonicalJSON: json), eventType, row.recordedAt, json)
        }
    }

    /// Calls `body` with each event of the record batches from `fromSeq` on (optionally of
    /// one type), in seq order, with its batch row, seq, type, given id and canonical JSON
    /// (valid during the call only), until it returns false.
    private func forEachBatchEvent(
        fromSeq: Int64, type: EventType?,
        _ body: (
            _ row: StoredBatchRow, _ seq: Int64, _ type: EventType, _ explicitID: EventID?,
            _ json: UnsafeBufferPointer<UInt8>
        ) throws -> Bool
    ) throws {
        try forEachBatchRow(fromSeq: fromSeq) { row in
            let batch = try openBatch(firstSeq: row.firstSeq, lastSeq: row.lastSeq, bytes: row.body)
            var keepGoing = true
            try batch.forEachCanonicalEvent { index, eventType, explicitID, json in
                let seq = row.firstSeq + Int64(index)
                guard keepGoing, seq >= fromSeq, type == nil || type == eventType else { return }
                keepGoing = try body(row, seq, eventType, explicitID, json)
            }
            return keepGoing
        }
    }

    /// Calls `body` with the seq, id, type and canonical JSON of each event in
    /// `fromSeq...throughSeq`, in seq order: what a replay of the projection reads. The JSON
    /// is valid only during the call.
    public func forEachEventBody(
        fromSeq: Int64, throughSeq: Int64 = .max,
        _ body: (_ seq: Int64, _ id: EventID, _ type: EventType, _ json: UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        if format == LogSchema.formatOne {
            return try formatOneScanEvents(fromSeq: fromSeq, throughSeq: throughSeq, checksums: false) { seq, id, type, json, _ in
                try body(seq, id, type, json)
            }
        }
        try forEachBatchRow(fromSeq: fromSeq, throughSeq: throughSeq) { row in
            let batch = try openBatch(firstSeq: row.firstSeq, lastSeq: row.lastSeq, bytes: row.body)
            try forEachEvent(of: batch, firstSeq: row.firstSeq, fromSeq: fromSeq, throughSeq: throughSeq, body)
            return true
        }
    }

    /// ``forEachEventBody(fromSeq:throughSeq:_:)`` that trusts nothing it reads: before
    /// `body` sees a batch's events, the batch must start where the previous one ended and
    /// its link must follow from the previous batch's link and its own bytes (the genesis
    /// link for the first batch, else the stored link of the batch before, which the range
    /// before checks). The first mismatch throws ``LogError/damaged(path:reason:)`` naming the
    /// seqs.
    public func forEachCheckedEventBody(
        fromSeq: Int64, throughSeq: Int64 = .max,
        _ body: (_ seq: Int64, _ id: EventID, _ type: EventType, _ json: UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        if format == LogSchema.formatOne { return try formatOneForEachCheckedEventBody(fromSeq: fromSeq, throughSeq: throughSeq, body) }
        try forEachCheckedBatch(fromSeq: fromSeq, throughSeq: throughSeq) { firstSeq, lastSeq, batch in
            try forEachEvent(of: batch, firstSeq: firstSeq, fromSeq: fromSeq, throughSeq: throughSeq, body)
        }
    }

    /// The record batches holding the seqs `fromSeq...throughSeq` of a format-2 log, in seq
    /// order, each with its first and last seq (it may hold seqs outside the range), checked
    /// as ``forEachCheckedEventBody(fromSeq:throughSeq:_:)`` checks them (CRC, seqs, chain
    /// link) before `body` sees it. For reading events without JSON (see
    /// ``RecordBatch/forEachCanonicalEvent(figures:_:)``). A format-1 log has no batches
    /// (see ``storesBatches``): `body` is never called.
    public func forEachCheckedBatch(
        fromSeq: Int64, throughSeq: Int64 = .max,
        _ body: (_ firstSeq: Int64, _ lastSeq: Int64, _ batch: RecordBatch) throws -> Void
    ) throws {
        guard storesBatches else { return }
        var previousLink: [UInt8]?
        var expected: Int64?
        try forEachBatchRow(fromSeq: max(1, fromSeq), throughSeq: throughSeq) { row in
            func damaged(_ problem: String) -> LogError { .damaged(path: path, reason: "seqs \(row.firstSeq)–\(row.lastSeq): \(problem)") }
            if previousLink == nil {
                previousLink = row.firstSeq == 1 ? BatchChain.genesis : try link(ofBatchEndingAt: row.firstSeq - 1)
                expected = row.firstSeq
            }
            if row.firstSeq != expected { throw damaged("the log jumps there from seq \(expected! - 1)") }
            let link = BatchChain.link(
                previous: previousLink!, firstSeq: row.firstSeq, lastSeq: row.lastSeq,
                recordedAt: row.recordedAt, digest: row.digest, body: row.body)
            guard link == row.link else { throw damaged("hash chain broken (the batch or one before it was changed, removed or reordered)") }
            try body(row.firstSeq, row.lastSeq, try openBatch(firstSeq: row.firstSeq, lastSeq: row.lastSeq, bytes: row.body))
            previousLink = link
            expected = row.lastSeq + 1
            return true
        }
        if max(1, fromSeq) > 1, expected == nil, try lastSeq() >= max(1, fromSeq) {
            throw LogError.damaged(path: path, reason: "seq \(fromSeq) is missing")
        }
    }

    /// Each stored batch's last seq and size in bytes, in seq order (none in a format-1
    /// log): where a reader may divide the log into ranges of equal work.
    public func batchExtents() throws -> [(lastSeq: Int64, bytes: Int)] {
        guard storesBatches else { return [] }
        let s = try db.prepare("SELECT last_seq, length(body) FROM batches ORDER BY first_seq", persistent: false)
        var extents: [(lastSeq: Int64, bytes: Int)] = []
        do {
            while try s.step() { extents.append((s.int64(0), Int(s.int64(1)))) }
        } catch let e as SQLiteError {
            throw Self.classify(e, path: path)
        }
        return extents
    }

    /// Whether the log stores record batches (format 2 on), which
    /// ``forEachCheckedBatch(fromSeq:throughSeq:_:)`` reads.
    public var storesBatches: Bool { format != LogSchema.formatOne }

    /// The events of one stored batch within `fromSeq...throughSeq`.
    private func forEachEvent(
        of batch: RecordBatch, firstSeq: Int64, fromSeq: Int64, throughSeq: Int64,
        _ body: (_ seq: Int64, _ id: EventID, _ type: EventType, _ json: UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        try batch.forEachCanonicalEvent { index, type, explicitID, json in
            let seq = firstSeq + Int64(index)
            guard seq >= fromSeq, seq <= throughSeq else { return }
            let id = EventID(given: explicitID, canonicalJSON: json)
            try body(seq, id, type, json)
        }
    }

    /// The stored link of the batch whose last seq is `seq`; damage when there is none.
    func link(ofBatchEndingAt seq: Int64) throws -> [UInt8] {
        let s = try db.prepare("SELECT link FROM batches WHERE last_seq = ?", persistent: false)
        try s.bind(1, seq)
        guard try s.step() else { throw LogError.damaged(path: path, reason: "no batch ends at seq \(seq)") }
        return s.bytes(0)
    }
}
