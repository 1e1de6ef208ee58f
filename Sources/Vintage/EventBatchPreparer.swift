import Dispatch
import Synchronization
import VintageCore
#if canImport(Glibc)
import Glibc
#endif

/// Parses and prepares (canonical bytes, checksum, id, id-key order) an input in line-aligned blocks on
/// background threads, a few blocks ahead of the caller, so that parsing overlaps with the
/// log's commit work. Blocks come out in input order; the first bad line wins.
final class EventBatchPreparer: @unchecked Sendable {
    /// Input bytes per block: large enough to amortise hand-offs, small enough to overlap.
    static let blockBytes = 16 << 20
    /// Blocks parsed ahead of the consumer.
    static let lookahead = 2

    private let text: UnsafeBufferPointer<UInt8>
    private let pieces: [NDJSONReader.Piece]
    private let results: Mutex<[Result<PreparedBatch, EventInputError>?]>
    private let ready: [DispatchSemaphore]
    private let group = DispatchGroup()
    private var nextToStart = 0
    private var nextToTake = 0

    /// Runs `body` with a block source over `bytes`; returns only when no background work
    /// is left running.
    static func withBatches<T>(of bytes: [UInt8], _ body: (_ nextBatch: () throws -> PreparedBatch?) throws -> T) throws -> T {
        try bytes.withUnsafeBufferPointer { text in
            if NDJSONReader.isArray(text) {
                var pending: PreparedBatch? = try PreparedBatch(prepareAll(text))
                return try body { defer { pending = nil }; return pending }
            }
            let preparer = EventBatchPreparer(text)
            defer { preparer.group.wait() }
            return try body { try preparer.next() }
        }
    }

    private static func prepareAll(_ text: UnsafeBufferPointer<UInt8>) throws(StoreError) -> [PreparedEvent] {
        do throws(EventInputError) {
            return try NDJSONReader.events(in: text).map(PreparedEvent.init)
        } catch { throw .input(error) }
    }

    private init(_ text: UnsafeBufferPointer<UInt8>) {
        self.text = text
        pieces = NDJSONReader.pieces(of: text, count: max(1, text.count / EventBatchPreparer.blockBytes))
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
        let result = results.withLock { r in
            defer { r[nextToTake] = nil }
            return r[nextToTake]!
        }
        nextToTake += 1
        switch result {
        case .success(let batch): return batch
        case .failure(let e): throw .input(e)
        }
    }

    private func start(_ index: Int) {
        DispatchQueue.global().async(group: group) { [self] in
            let r: Result<PreparedBatch, EventInputError>
            do throws(EventInputError) {
                r = .success(PreparedBatch(try NDJSONReader.events(in: text, piece: pieces[index]).map(PreparedEvent.init)))
            } catch { r = .failure(error) }
            results.withLock { $0[index] = r }
            ready[index].signal()
        }
    }
}
