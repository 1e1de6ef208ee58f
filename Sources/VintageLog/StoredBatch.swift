import VintageBatch
import VintageCore
import VintageSQLite

/// A record batch of a format-2 log as stored: its seq range, recording time, bytes, digest
/// and link. The bytes are SQLite's own (valid only during the call that received them).
struct StoredBatchRow {
    /// The seq of its first event.
    var firstSeq: Int64
    /// The seq of its last event.
    var lastSeq: Int64
    /// When the append that wrote it was recorded.
    var recordedAt: Timestamp
    /// The ``RecordBatch`` bytes.
    var body: UnsafeRawBufferPointer
    /// The stored digest (see ``BatchChain``).
    var digest: [UInt8]
    /// The stored link (see ``BatchChain``).
    var link: [UInt8]
}

/// The events of one record batch, decoded: what appends look figures, ids and correction
/// targets up in.
struct DecodedBatch {
    /// The seq of its first event.
    var firstSeq: Int64
    /// Its stored link, which tells it from another batch once stored at the same seq (by
    /// an append that was rolled back).
    var link: [UInt8] = []
    /// The events, in seq order, with their ids, canonical JSON and checksums.
    var events: [StoredEvent]
    /// The events as values, in seq order.
    var values: [Event]
    /// Whether each event's id was given (else derived from its checksum).
    var explicit: [Bool]

    /// The index of `seq` in ``events``, if the batch holds it.
    func index(of seq: Int64) -> Int? {
        let i = Int(seq - firstSeq)
        return i >= 0 && i < events.count ? i : nil
    }
}

extension SQLiteEventLog {
    /// Decodes a batch's bytes, which must hold the events `firstSeq...lastSeq`; bytes that
    /// do not decode are damage, named by seq range.
    func decodeBatch(firstSeq: Int64, lastSeq: Int64, bytes: UnsafeRawBufferPointer) throws(LogError) -> DecodedBatch {
        let batch = try openBatch(firstSeq: firstSeq, lastSeq: lastSeq, bytes: bytes)
        var decoded = DecodedBatch(firstSeq: firstSeq, events: [], values: [], explicit: [])
        decoded.events.reserveCapacity(batch.count)
        do {
            try batch.forEachCanonicalEvent { index, type, explicitID, json in
                let body = Array(json)
                let checksum = contentHash(of: body)
                let id = explicitID ?? EventID(derivedFromContentHash: checksum)
                decoded.events.append(StoredEvent(seq: firstSeq + Int64(index), id: id, type: type, body: body, checksum: checksum))
                decoded.explicit.append(explicitID != nil)
            }
            decoded.values.reserveCapacity(batch.count)
            try batch.forEachEvent { _, event, _ in decoded.values.append(event) }
        } catch {
            throw .damaged(path: path, reason: "seqs \(firstSeq)–\(lastSeq): the record batch does not decode (\(error))")
        }
        return decoded
    }

    /// The batch's bytes as a ``RecordBatch`` of `lastSeq - firstSeq + 1` events, or damage.
    func openBatch(firstSeq: Int64, lastSeq: Int64, bytes: UnsafeRawBufferPointer) throws(LogError) -> RecordBatch {
        let batch: RecordBatch
        do {
            batch = try RecordBatch(decoding: bytes)
        } catch {
            throw .damaged(path: path, reason: "seqs \(firstSeq)–\(lastSeq): the record batch does not decode (\(error.reason))")
        }
        guard lastSeq >= firstSeq, Int64(batch.count) == lastSeq - firstSeq + 1 else {
            throw .damaged(path: path, reason: "seqs \(firstSeq)–\(lastSeq): the record batch holds \(batch.count) events")
        }
        return batch
    }

    /// Calls `body` with each stored batch that holds a seq in `fromSeq...throughSeq`, in seq
    /// order, until it returns false.
    func forEachBatchRow(fromSeq: Int64, throughSeq: Int64 = .max, _ body: (StoredBatchRow) throws -> Bool) throws {
        // The batch holding `fromSeq` may start before it.
        var start = fromSeq
        do {
            let holding = sql.batchHolding
            defer { holding.reset() }
            try holding.bind(1, fromSeq)
            if try holding.step(), holding.int64(1) >= fromSeq { start = holding.int64(0) }
        }
        let s = try db.prepare(
            "SELECT first_seq, last_seq, recorded_at, digest, link, body FROM batches WHERE first_seq >= ? AND first_seq <= ? ORDER BY first_seq",
            persistent: false)
        try s.bind(1, start)
        try s.bind(2, throughSeq)
        do {
            while try s.step() {
                let keepGoing = try s.withBlob(5) { bytes in
                    try body(
                        StoredBatchRow(
                            firstSeq: s.int64(0), lastSeq: s.int64(1), recordedAt: Timestamp(microseconds: s.int64(2)),
                            body: bytes, digest: s.bytes(3), link: s.bytes(4)))
                }
                if !keepGoing { break }
            }
        } catch let e as SQLiteError {
            throw Self.classify(e, path: path)
        }
    }

    /// The decoded batch holding `seq`, if any: from ``decodedBatches`` when the batch
    /// stored there has the cached one's link.
    func batch(holding seq: Int64) throws -> DecodedBatch? {
        let s = sql.batchHolding
        defer { s.reset() }
        try s.bind(1, seq)
        guard try s.step(), s.int64(1) >= seq else { return nil }
        let first = s.int64(0), last = s.int64(1), link = s.bytes(2)
        if let cached = decodedBatches.batch(startingAt: first), cached.link == link { return cached }
        let body = sql.batchBody
        defer { body.reset() }
        try body.bind(1, first)
        guard try body.step() else { return nil }
        var decoded = try body.withBlob(0) { bytes throws(LogError) in try decodeBatch(firstSeq: first, lastSeq: last, bytes: bytes) }
        decoded.link = link
        decodedBatches.insert(decoded)
        return decoded
    }
}

/// Recently decoded batches of a log, so that a run of look-ups into one batch (the targets
/// of corrections, the holders of a vintage) decodes it once. Bounded: the oldest entries are
/// dropped.
final class BatchCache {
    private var batches: [Int64: DecodedBatch] = [:]
    private var order: [Int64] = []
    private let capacity: Int

    init(capacity: Int = 32) { self.capacity = capacity }

    /// The cached batch starting at `firstSeq`, if any.
    func batch(startingAt firstSeq: Int64) -> DecodedBatch? { batches[firstSeq] }

    /// Drops the batch starting at `firstSeq`, if kept.
    func remove(startingAt firstSeq: Int64) {
        guard batches.removeValue(forKey: firstSeq) != nil else { return }
        order.removeAll { $0 == firstSeq }
    }

    /// Keeps `batch`, dropping the oldest entry when full.
    func insert(_ batch: DecodedBatch) {
        if batches[batch.firstSeq] == nil { order.append(batch.firstSeq) }
        batches[batch.firstSeq] = batch
        if order.count > capacity {
            batches[order.removeFirst()] = nil
        }
    }
}
