import Dispatch
import Synchronization
import VintageBatch
import VintageCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A stored record batch as `verify` reads it: the row, with its bytes copied, so that the
/// batch can be checked on another thread.
struct CopiedBatchRow: Sendable {
    var firstSeq: Int64
    var lastSeq: Int64
    var recordedAt: Timestamp
    var body: [UInt8]
    var digest: [UInt8]
    var link: [UInt8]

    /// A copy of `row`.
    init(_ row: StoredBatchRow) {
        firstSeq = row.firstSeq
        lastSeq = row.lastSeq
        recordedAt = row.recordedAt
        body = Array(row.body)
        digest = row.digest
        link = row.link
    }
}

/// What checking one record batch on its own finds, on any thread: the batch decodes and
/// holds its seq range; every event's canonical JSON, re-derived from the decoded values,
/// is the batch's; no derived id is stored as given; the digest over the events' checksums
/// and ids is the stored one. With what the rest of `verify` needs from the batch, which
/// depends on the batches before it: the SHA-256 of its bytes (for its chain link) and
/// what the index fold takes from its events (see ``LogIndexFold``).
struct BatchCheck: Sendable {
    /// An event the fold applies one by one (a definition, correction or retraction).
    struct Applied: Sendable {
        var index: Int
        var event: Event
        var id: EventID
    }

    /// The figures of a series that the batch's other events state.
    struct SeriesFigures: Sendable {
        var count: Int64
        var lastReleased: Int64
    }

    /// SHA-256 of the stored bytes.
    var bodyHash: SHA256.Digest
    /// Why the batch does not decode (or does not hold its seq range), if so: then nothing
    /// below is filled in.
    var undecodable: String?
    /// The events decoded.
    var eventCount: Int64 = 0
    /// The problems of single events, one line each, in seq order.
    var eventProblems: [String] = []
    /// Whether the digest over the decoded events is the stored one.
    var digestMatches = true
    /// Each event's id key (see ``EventID/indexKey``), in seq order.
    var idKeys: [Int64] = []
    /// The events the fold applies one by one, in seq order.
    var applied: [Applied] = []
    /// Per series, the figures of the batch's other events (observations, releases,
    /// announcements).
    var figures: [String: SeriesFigures] = [:]
    /// The id index entries of the events found by id: given ids, events without figures.
    var indexedIDs: [IndexedID] = []
    /// Per series, the release-time range of the figures the batch holds.
    var releaseRanges: [String: (low: Int64, high: Int64)] = [:]

    /// Checks `row`; problems name `path`'s seqs.
    init(_ row: CopiedBatchRow) {
        bodyHash = row.body.withUnsafeBytes { SHA256.digest(of: $0) }
        let seqs = "seqs \(row.firstSeq)–\(row.lastSeq)"
        let opened = row.body.withUnsafeBytes { bytes in
            Result { () throws(RecordBatchError) -> RecordBatch in try RecordBatch(decoding: bytes) }
        }
        let batch: RecordBatch
        switch opened {
        case .success(let b): batch = b
        case .failure(let error):
            undecodable = "\(seqs): the record batch does not decode (\(error.reason))"
            return
        }
        guard row.lastSeq >= row.firstSeq, Int64(batch.count) == row.lastSeq - row.firstSeq + 1 else {
            undecodable = "\(seqs): the record batch holds \(batch.count) events"
            return
        }
        var values: [Event] = []
        values.reserveCapacity(batch.count)
        idKeys.reserveCapacity(batch.count)
        var digest = BatchChain.Digest()
        var problems: [String] = []
        var indexed: [IndexedID] = []
        var applied: [Applied] = []
        var keys: [Int64] = []
        keys.reserveCapacity(batch.count)
        do {
            try batch.forEachEvent { _, event, _ in values.append(event) }
            try batch.forEachCanonicalEvent { index, type, explicitID, json in
                let seq = row.firstSeq + Int64(index)
                let checksum = SHA256.digest(of: UnsafeRawBufferPointer(json))
                checksum.withUnsafeBytes { digest.add(checksum: $0, explicitID: explicitID) }
                let key = explicitID?.indexKey ?? Self.derivedIDKey(checksum)
                keys.append(key)
                func id() -> EventID { explicitID ?? EventID(derivedFromContentHash: checksum.bytes) }
                // The event as the batch's columns give it must have exactly the canonical
                // JSON the batch gives (JSON records were parsed by the decoding itself).
                guard index < values.count else {
                    problems.append("seq \(seq) (id \(id())): the batch's columns and its canonical form disagree")
                    return
                }
                let value = values[index]
                if value.type != type || !Self.same(value.canonicalJSON, json) {
                    problems.append("seq \(seq) (id \(id())): the batch's columns and its canonical form disagree")
                }
                if let explicitID, explicitID == EventID(derivedFromContentHash: checksum.bytes) {
                    problems.append("seq \(seq) (id \(explicitID)): a derived id is stored as given")
                }
                if explicitID != nil || !value.hasFigures { indexed.append(IndexedID(key: key, seq: seq)) }
                switch value {
                case .series, .correction, .retraction: applied.append(Applied(index: index, event: value, id: id()))
                default: break
                }
            }
        } catch {
            undecodable = "\(seqs): the record batch does not decode (\(error))"
            return
        }
        eventCount = Int64(batch.count)
        eventProblems = problems
        digestMatches = digest.finalize() == row.digest
        idKeys = keys
        indexedIDs = indexed
        self.applied = applied
        figures = Self.figures(of: values)
        releaseRanges = seriesReleaseRanges(of: values)
    }

    /// Per series, the figures that the observations, releases and announcements among
    /// `events` state.
    static func figures(of events: [Event]) -> [String: SeriesFigures] {
        var result: [String: SeriesFigures] = [:]
        var run: (series: String, figures: SeriesFigures)?
        func settle() {
            guard let run else { return }
            if let held = result[run.series] {
                result[run.series] = SeriesFigures(
                    count: held.count + run.figures.count,
                    lastReleased: max(held.lastReleased, run.figures.lastReleased))
            } else {
                result[run.series] = run.figures
            }
        }
        for event in events {
            switch event {
            case .series, .correction, .retraction: continue
            default: break
            }
            event.forEachFigure { _, f in
                let t = f.releasedAt.microseconds
                // Consecutive figures usually share a series: hash its id once per run.
                if let held = run, held.series == f.series.rawValue {
                    run = (held.series, SeriesFigures(count: held.figures.count + 1, lastReleased: max(held.figures.lastReleased, t)))
                } else {
                    settle()
                    run = (f.series.rawValue, SeriesFigures(count: 1, lastReleased: t))
                }
            }
        }
        settle()
        return result
    }

    /// The ``EventID/indexKey`` of the id derived from `checksum` (see
    /// ``EventID/init(derivedFromContentHash:)``: `ev-` and the hex of its first 16 bytes),
    /// without making the id.
    static func derivedIDKey(_ checksum: SHA256.Digest) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        @inline(__always) func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        mix(UInt8(ascii: "e"))
        mix(UInt8(ascii: "v"))
        mix(UInt8(ascii: "-"))
        checksum.withUnsafeBytes { bytes in
            for i in 0..<16 {
                let byte = bytes[i]
                let high = byte >> 4, low = byte & 15
                mix(high < 10 ? 48 + high : 87 + high)
                mix(low < 10 ? 48 + low : 87 + low)
            }
        }
        return Int64(bitPattern: hash)
    }

    /// Whether `a` and `b` hold the same bytes.
    static func same(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let base = b.baseAddress, !a.isEmpty else { return true }
        return a.withUnsafeBufferPointer { memcmp($0.baseAddress!, base, a.count) == 0 }
    }

    /// The cores online (at least 1).
    static let coreCount = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    /// Every row of `rows` checked, on as many threads as there are cores; in row order.
    static func checks(of rows: [CopiedBatchRow]) -> [BatchCheck] {
        if rows.count == 1 || coreCount == 1 { return rows.map(BatchCheck.init) }
        let results = Mutex<[Int: BatchCheck]>([:])
        DispatchQueue.concurrentPerform(iterations: rows.count) { i in
            let check = BatchCheck(rows[i])
            results.withLock { $0[i] = check }
        }
        return results.withLock { all in rows.indices.map { all[$0]! } }
    }
}
