import Dispatch
import VintageBatch
import VintageCore

/// Stores an append's record batches in the log, each linked to the one before, encoding a
/// batch's bytes on another thread while the rules check the events of the next one.
///
/// A batch handed over is stored when the next one is handed over, or at ``complete()`` —
/// which the rules call before they read the log (``LogRules/beforeReadingLog``) and the
/// append before it commits — so that the log always reads as if each batch had been stored
/// at once. Storing in order keeps the chain and the seqs as they were.
final class ChainedBatchWriter {
    private let log: SQLiteEventLog
    /// The link of the last batch stored.
    private(set) var previousLink: [UInt8]
    /// Whether ``written`` keeps each batch stored (for a replica's upstream log).
    var keepsWritten = false
    /// The batches stored, when ``keepsWritten``.
    private(set) var written: [ReplicatedBatch] = []
    /// The first seqs of the batches this append stored and keeps decoded.
    private var cachedWritten: [Int64] = []
    /// How many of the batches an append stored stay in the decoded-batch cache: corrections
    /// name recent events, and each kept batch keeps its events in memory.
    static let writtenBatchesCached = 2
    /// The batch handed over and not stored yet.
    private var inFlight: InFlight?

    private struct InFlight {
        var events: [PreparedEvent]
        var first: Int64
        var recordedAt: Timestamp
        var digest: [UInt8]
        var encoding: Encoding
    }

    /// A batch's bytes, encoded on another thread.
    private final class Encoding: @unchecked Sendable {
        private var bytes: [UInt8] = []
        private let done = DispatchGroup()

        init(_ events: [PreparedEvent], allowsEntropyCoding: Bool) {
            done.enter()
            DispatchQueue.global().async { [self] in
                bytes = RecordBatchEncoder.encode(events, allowsEntropyCoding: allowsEntropyCoding)
                done.leave()
            }
        }

        /// The bytes, once encoded.
        func wait() -> [UInt8] {
            done.wait()
            return bytes
        }
    }

    /// A writer appending after the batch whose link is `previousLink`.
    init(log: SQLiteEventLog, previousLink: [UInt8]) {
        self.log = log
        self.previousLink = previousLink
    }

    /// Hands over `events`, from seq `first` on, recorded at `recordedAt`, as the next batch;
    /// stores the batch handed over before. With `copied` (that batch of an upstream log),
    /// the batch is stored at once, with the upstream bytes, once its digest and link are
    /// found to be the events' and the chain's.
    func write(_ events: [PreparedEvent], first: Int64, recordedAt: Timestamp, copied: ReplicatedBatch?) throws {
        try complete()
        let digest = Self.digest(of: events)
        if let copied {
            try store(events, first: first, recordedAt: recordedAt, digest: digest, body: copied.body, copied: copied)
            return
        }
        inFlight = InFlight(
            events: events, first: first, recordedAt: recordedAt, digest: digest,
            encoding: Encoding(events, allowsEntropyCoding: log.writesEntropyCodedBatches))
    }

    /// Stores the batch handed over, if any, once its bytes are encoded.
    func complete() throws {
        guard let batch = inFlight else { return }
        inFlight = nil
        try store(batch.events, first: batch.first, recordedAt: batch.recordedAt, digest: batch.digest, body: batch.encoding.wait(), copied: nil)
    }

    /// The batch digest of `events`: their checksums and explicit ids.
    private static func digest(of events: [PreparedEvent]) -> [UInt8] {
        // The events are read in place through the buffer (a `for e in events` copies each).
        var digest = BatchChain.Digest()
        events.withUnsafeBufferPointer { events in
            for i in events.indices {
                if events[i].idIsDerived {
                    digest.add(checksum: events[i].checksum, explicitID: nil)
                } else {
                    digest.add(checksum: events[i].checksum, explicitID: events[i].id)
                }
            }
        }
        return digest.finalize()
    }

    /// Writes the batch row, linked into the chain, and keeps the batch decoded.
    private func store(
        _ events: [PreparedEvent], first: Int64, recordedAt: Timestamp, digest digestBytes: [UInt8], body: [UInt8], copied: ReplicatedBatch?
    ) throws {
        let last = first + Int64(events.count) - 1
        let link = body.withUnsafeBytes {
            BatchChain.link(previous: previousLink, firstSeq: first, lastSeq: last, recordedAt: recordedAt, digest: digestBytes, body: $0)
        }
        if let copied, copied.digest != digestBytes || copied.link != link || copied.lastSeq != last {
            throw LogError.damaged(
                path: log.upstreamName,
                reason:
                    "seqs \(copied.firstSeq)–\(copied.lastSeq): the batch's digest or hash-chain link does not follow from its events and the batch before it; nothing was copied"
            )
        }
        if keepsWritten {
            written.append(ReplicatedBatch(firstSeq: first, lastSeq: last, recordedAt: recordedAt, body: body, digest: digestBytes, link: link))
        }
        let insert = log.sql.insertBatch
        defer { insert.reset(); insert.clearBindings() }
        try insert.bind(1, first)
        try insert.bind(2, last)
        try insert.bind(3, recordedAt.microseconds)
        try insert.bindBlob(4, body)
        try insert.bindBlob(5, digestBytes)
        try insert.bindBlob(6, link)
        try insert.step()
        previousLink = link
        // The rules look up figures of the batches this append wrote (the targets of its
        // corrections, mostly recent): the last few are kept as decoded, not decoded again.
        if cachedWritten.count == Self.writtenBatchesCached { log.decodedBatches.remove(startingAt: cachedWritten.removeFirst()) }
        cachedWritten.append(first)
        log.decodedBatches.insert(
            DecodedBatch(
                firstSeq: first, link: link,
                events: events.indices.map { i in
                    StoredEvent(
                        seq: first + Int64(i), id: events[i].id, type: events[i].event.type, body: events[i].body, checksum: events[i].checksum)
                },
                values: events.map(\.event), explicit: events.map { !$0.idIsDerived }))
    }
}
