import Dispatch
import Synchronization
import VintageCore

/// A seq range of the log folded by ``ReplayFold``, with the events that change more than
/// rows (definitions, announcements, corrections, retractions), kept to be recorded in log
/// order.
struct FoldedRange: Sendable {
    /// An event recorded outside the rows.
    struct Recorded: Sendable {
        var json: [UInt8]
        var id: EventID
        var seq: Int64
    }

    var fold = ReplayFold()
    var recorded: [Recorded] = []

    /// Folds one event.
    mutating func apply(_ json: UnsafeBufferPointer<UInt8>, _ type: EventType, _ id: EventID, _ seq: Int64) throws {
        try fold.apply(canonicalJSON: json, id: id, seq: seq)
        switch type {
        case .series, .announcement, .correction, .retraction: recorded.append(Recorded(json: Array(json), id: id, seq: seq))
        default: break
        }
    }

    /// Appends `later`, the fold of the range right after this one.
    mutating func append(_ later: consuming FoldedRange) {
        fold.append(later.fold)
        recorded += later.recorded
    }
}

extension Projection {
    /// The fewest events worth a range of their own.
    static let eventsPerReplayRange: Int64 = 50_000

    /// Reads and folds the whole log: in as many seq ranges at once as there are cores
    /// (each on its own connection, the first on this thread), when the log offers that
    /// and is large enough; the ranges' folds are then appended in order (see
    /// ``ReplayFold/append(_:)``), which equals one fold of the whole log. `ranges` (default:
    /// one per core, at most four) and `minimumRangeEvents` are for tests.
    static func readAndFold(_ log: some ProjectionLogReader, ranges rangeCount: Int = min(ParallelWork.coreCount, 4),
                            minimumRangeEvents: Int64 = eventsPerReplayRange,
                            progress: ((_ done: Int64, _ total: Int64) -> Void)?) throws -> FoldedRange {
        let last = try log.lastSeq()
        let count = Int64(rangeCount)
        guard count > 1, last >= count * minimumRangeEvents, let ranges = log.concurrentRanges() else {
            var folded = FoldedRange()
            try log.forEachCanonicalEvent(after: 0) { json, type, id, seq in
                try folded.apply(json, type, id, seq)
                if seq & 0x3FF == 0 { progress?(seq, last) }
            }
            return folded
        }
        let bounds = (0...count).map { k in last * k / count }
        let later = FoldResults(count: Int(count) - 1)
        let group = DispatchGroup()
        for k in 1..<Int(count) {
            let seqs = (bounds[k] + 1)...bounds[k + 1]
            DispatchQueue.global().async(group: group) {
                var folded = FoldedRange()
                let result = Result { () throws -> FoldedRange in
                    try ranges.forEachCanonicalEvent(in: seqs) { json, type, id, seq in try folded.apply(json, type, id, seq) }
                    return folded
                }
                later.results.withLock { $0[k - 1] = result }
            }
        }
        var folded = FoldedRange()
        let first = Result { () throws -> Void in
            try ranges.forEachCanonicalEvent(in: 1...bounds[1]) { json, type, id, seq in
                try folded.apply(json, type, id, seq)
                // The ranges advance alike: report this one's share of the whole.
                if seq & 0x3FF == 0 { progress?(seq * count, last) }
            }
        }
        group.wait()
        try first.get()
        for result in later.results.withLock({ $0 }) { folded.append(try result!.get()) }
        return folded
    }
}

/// The folds of the later ranges, filled in by their threads.
private final class FoldResults: Sendable {
    let results: Mutex<[Result<FoldedRange, any Error>?]>

    init(count: Int) { results = Mutex(Array(repeating: nil, count: count)) }
}
