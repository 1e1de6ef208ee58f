import VintageBatch
import VintageCore
import VintageFolds
import VintageLog
import VintageProjection

/// The log as the projection reads it: events decoded from their canonical JSON; a whole
/// read (a replay) checks every checksum and chain link as it goes.
struct LogProjectionReader: ProjectionLogReader {
    let log: SQLiteEventLog

    func forEachEvent(after seq: Int64, _ body: (SequencedEvent) throws -> Void) throws {
        try log.forEachStoredEvent(fromSeq: seq + 1) { stored in
            try body(SequencedEvent(event: try stored.event(), id: stored.id, seq: stored.seq))
        }
    }

    func forEachCanonicalEvent(
        after seq: Int64,
        _ body: (_ json: UnsafeBufferPointer<UInt8>, _ type: EventType, _ id: EventID, _ seq: Int64) throws -> Void
    ) throws {
        try log.forEachCheckedEventBody(fromSeq: seq + 1) { seq, id, type, json in try body(json, type, id, seq) }
    }

    func fold(
        after seq: Int64, into fold: inout ReplayFold, progress: (Int64) -> Void,
        other: (SequencedEvent) throws -> Void
    ) throws {
        try log.fold((seq + 1)...Int64.max, into: &fold, progress: progress, other: other)
    }

    func event(at seq: Int64) throws -> SequencedEvent? {
        guard let stored = try log.storedEvent(at: seq) else { return nil }
        return SequencedEvent(event: try stored.event(), id: stored.id, seq: seq)
    }

    func seq(of id: EventID) throws -> Int64? { try log.storedEvent(withID: id)?.seq }

    func lastSeq() throws -> Int64 { try log.lastSeq() }

    func concurrentRanges() -> (any ConcurrentLogRanges)? { LogRangeReader(path: log.path) }
}

/// Reads seq ranges of the log at `path`, each on a read-only connection of its own (so
/// from any thread); the caller holds the log's lock, so no event is appended meanwhile.
struct LogRangeReader: ConcurrentLogRanges {
    let path: String

    func forEachCanonicalEvent(
        in seqs: ClosedRange<Int64>,
        _ body: (_ json: UnsafeBufferPointer<UInt8>, _ type: EventType, _ id: EventID, _ seq: Int64) throws -> Void
    ) throws {
        let log = try SQLiteEventLog(path: path, create: false)
        try log.forEachCheckedEventBody(fromSeq: seqs.lowerBound, throughSeq: seqs.upperBound) { seq, id, type, json in
            try body(json, type, id, seq)
        }
    }

    /// The least bytes of batches worth reading on more than one thread.
    static let bytesPerRange = 256 << 10

    /// At batch ends, by the batches' bytes (what decoding costs); nil for a format-1 log.
    func cuts(into count: Int, last: Int64) -> [Int64]? {
        guard let log = try? SQLiteEventLog(path: path, create: false), log.storesBatches,
            let batches = try? log.batchExtents(), !batches.isEmpty
        else { return nil }
        let total = batches.reduce(0) { $0 + $1.bytes }
        guard total >= count * Self.bytesPerRange else { return [] }
        var cuts: [Int64] = []
        var sum = 0
        for b in batches where b.lastSeq < last {
            sum += b.bytes
            if sum * count >= total * (cuts.count + 1), cuts.last.map({ $0 < b.lastSeq }) ?? true { cuts.append(b.lastSeq) }
            if cuts.count == count - 1 { break }
        }
        return cuts
    }

    func fold(
        _ seqs: ClosedRange<Int64>, into fold: inout ReplayFold, progress: (Int64) -> Void,
        other: (SequencedEvent) throws -> Void
    ) throws {
        try SQLiteEventLog(path: path, create: false).fold(seqs, into: &fold, progress: progress, other: other)
    }
}

extension SQLiteEventLog {
    /// Folds the events of `seqs` into `fold`, checking every batch's checksum and link as
    /// it reads (see ``forEachCheckedBatch(fromSeq:throughSeq:_:)``): observations and
    /// releases held in columns straight from the columns (no JSON, no id computed for
    /// them), any other event from its canonical JSON (see
    /// ``ReplayFold/apply(canonicalJSON:type:id:seq:other:)``). A format-1 log is read as
    /// canonical JSON.
    func fold(
        _ seqs: ClosedRange<Int64>, into fold: inout ReplayFold, progress: (Int64) -> Void,
        other: (SequencedEvent) throws -> Void
    ) throws {
        guard storesBatches else {
            return try forEachCheckedEventBody(fromSeq: seqs.lowerBound, throughSeq: seqs.upperBound) { seq, id, type, json in
                try fold.apply(canonicalJSON: json, type: type, id: id, seq: seq, other: other)
                if seq & 0x3FF == 0 { progress(seq) }
            }
        }
        try forEachCheckedBatch(fromSeq: seqs.lowerBound, throughSeq: seqs.upperBound) { firstSeq, lastSeq, batch in
            if let c = batch.figureColumns {
                fold.begin(
                    ReplayColumns(
                        strings: c.strings, seriesIDs: c.seriesIDs, releasedAt: c.releasedAt, recordStatus: c.recordStatus,
                        series: c.series, validTime: c.periodStart, value: c.value, figureStatus: c.figureStatus))
            }
            try batch.forEachCanonicalEvent(
                figures: { index, explicitID, record, figures in
                    let seq = firstSeq + Int64(index)
                    guard seqs.contains(seq) else { return }
                    fold.applyFigures(seq: seq, explicitID: explicitID, record: record, figures: figures)
                },
                { index, type, explicitID, json in
                    let seq = firstSeq + Int64(index)
                    guard seqs.contains(seq) else { return }
                    let id = EventID(given: explicitID, canonicalJSON: json)
                    try fold.apply(canonicalJSON: json, type: type, id: id, seq: seq, other: other)
                })
            progress(min(lastSeq, seqs.upperBound))
        }
    }
}
