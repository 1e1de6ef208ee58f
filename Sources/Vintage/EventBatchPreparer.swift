import Dispatch
import Synchronization
import VintageCore
#if canImport(Glibc)
import Glibc
#endif

/// Parses and prepares (canonical bytes, checksum, id, id-key order) an input in line-aligned blocks on
/// a background thread, a few blocks ahead of the caller, so that parsing overlaps with the
/// log's commit work. Blocks come out in input order; the first bad line wins.
final class EventBatchPreparer: @unchecked Sendable {
    /// Input bytes per block: 256 KiB growing by 1.4× up to 16 MiB. The first block is
    /// small so that the commit starts soon; each next one is only a little larger, so that
    /// parsing it takes less time than committing the one before; the last ones are large
    /// to amortise hand-offs and to give the id index long sorted runs.
    static func blockBytes(_ index: Int) -> Int {
        var size = Double(256 << 10)
        for _ in 0..<min(index, 20) { size *= 1.4 }
        return min(16 << 20, Int(size))
    }
    /// Blocks parsed ahead of the consumer.
    static let lookahead = 2

    private let text: UnsafeBufferPointer<UInt8>
    private let pieces: [Range<Int>]
    /// Each piece parsed as if it began on line 1, with the number of line feeds in it.
    private let results: Mutex<[(Result<PreparedBatch, EventInputError>, lineFeeds: Int)?]>
    /// The input line the next piece to be taken starts on.
    private var nextLine = 1
    private let ready: [DispatchSemaphore]
    private let group = DispatchGroup()
    /// Parsing runs on one background thread: the caller's commit is the longer, serial
    /// half of an append, so it should keep a core of its own.
    private let queue = DispatchQueue(label: "vintage.parse")
    private var nextToStart = 0
    private var nextToTake = 0
    /// Input bytes of the batches handed over so far.
    private(set) var bytesTaken = 0

    /// Runs `body` with a block source over `bytes`; returns only when no background work
    /// is left running.
    /// `progress` hears the number of input bytes handed over so far, and the total.
    static func withBatches<T>(of bytes: [UInt8], progress: ((Int, Int) -> Void)? = nil,
                               _ body: (_ nextBatch: () throws -> PreparedBatch?) throws -> T) throws -> T {
        try bytes.withUnsafeBufferPointer { text in
            if NDJSONReader.isArray(text) {
                var pending: PreparedBatch? = try PreparedBatch(prepareAll(text))
                return try body { defer { pending = nil }; return pending }
            }
            let preparer = EventBatchPreparer(text)
            defer { preparer.group.wait() }
            return try body {
                let batch = try preparer.next()
                if batch != nil { progress?(preparer.bytesTaken, text.count) }
                return batch
            }
        }
    }

    private static func prepareAll(_ text: UnsafeBufferPointer<UInt8>) throws(StoreError) -> [PreparedEvent] {
        do throws(EventInputError) {
            return try NDJSONReader.events(in: text).map(PreparedEvent.init)
        } catch { throw .input(error) }
    }

    private init(_ text: UnsafeBufferPointer<UInt8>) {
        self.text = text
        pieces = NDJSONReader.lineAlignedRanges(of: text, size: EventBatchPreparer.blockBytes)
        results = Mutex(Array(repeating: nil, count: pieces.count))
        ready = pieces.map { _ in DispatchSemaphore(value: 0) }
    }

    private func next() throws(StoreError) -> PreparedBatch? {
        guard nextToTake < pieces.count else { return nil }
        while nextToStart < pieces.count && nextToStart <= nextToTake + EventBatchPreparer.lookahead {
            start(nextToStart)
            nextToStart += 1
        }
        ready[nextToTake].wait()
        let (result, lineFeeds) = results.withLock { r in
            defer { r[nextToTake] = nil }
            return r[nextToTake]!
        }
        nextToTake += 1
        bytesTaken = pieces[nextToTake - 1].upperBound
        let offset = nextLine - 1
        nextLine += lineFeeds
        switch result {
        case .success(var batch):
            batch.shiftLines(by: offset)
            return batch
        case .failure(var e):
            e.line += offset
            throw .input(e)
        }
    }

    private func start(_ index: Int) {
        queue.async(group: group) { [self] in
            let range = pieces[index]
            let r: Result<PreparedBatch, EventInputError>
            do throws(EventInputError) {
                let events = try NDJSONReader.events(in: text, piece: NDJSONReader.Piece(range: range, firstLine: 1))
                r = .success(PreparedBatch(events.map(PreparedEvent.init)))
            } catch { r = .failure(error) }
            let lineFeeds = NDJSONReader.lineFeeds(in: text, range)
            results.withLock { $0[index] = (r, lineFeeds) }
            ready[index].signal()
        }
    }
}
