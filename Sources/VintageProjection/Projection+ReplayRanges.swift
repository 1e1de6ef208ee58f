import Dispatch
import Synchronization
import VintageCore
import VintageFolds

/// A seq range of the log folded by ``ReplayFold``, with the events that change more than
/// rows (definitions, announcements, corrections, retractions), kept to be recorded in log
/// order.
struct FoldedRange: Sendable {
    var fold = ReplayFold()
    /// The events that change more than rows, in log order.
    var recorded: [SequencedEvent] = []

    /// Reads and folds the whole log.
    static func read(_ log: some ProjectionLogReader, progress: (Int64) -> Void) throws -> FoldedRange {
        var fold = ReplayFold()
        var recorded: [SequencedEvent] = []
        try log.fold(after: 0, into: &fold, progress: progress) { recorded.append($0) }
        return FoldedRange(fold: fold, recorded: recorded)
    }

    /// Reads and folds the events of `seqs`.
    static func read(_ seqs: ClosedRange<Int64>, of ranges: any ConcurrentLogRanges, progress: (Int64) -> Void) throws -> FoldedRange {
        var fold = ReplayFold()
        var recorded: [SequencedEvent] = []
        try ranges.fold(seqs, into: &fold, progress: progress) { recorded.append($0) }
        return FoldedRange(fold: fold, recorded: recorded)
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
    static func readAndFold(
        _ log: some ProjectionLogReader, ranges rangeCount: Int = min(ParallelWork.coreCount, 4),
        minimumRangeEvents: Int64 = eventsPerReplayRange,
        progress: ((_ done: Int64, _ total: Int64) -> Void)?
    ) throws -> FoldedRange {
        let last = try log.lastSeq()
        var count = Int64(rangeCount)
        guard count > 1, let ranges = log.concurrentRanges() else { return try FoldedRange.read(log) { progress?($0, last) } }
        // Cut where the log says the work divides evenly (a log of few events may hold
        // millions of figures), else by event count.
        let bounds: [Int64]
        if let cuts = ranges.cuts(into: Int(count), last: last) {
            guard !cuts.isEmpty else { return try FoldedRange.read(log) { progress?($0, last) } }
            bounds = [0] + cuts + [last]
            count = Int64(cuts.count + 1)
        } else {
            guard last >= count * minimumRangeEvents else { return try FoldedRange.read(log) { progress?($0, last) } }
            bounds = (0...count).map { k in last * k / count }
        }
        let later = FoldResults(count: Int(count) - 1)
        let group = DispatchGroup()
        for k in 1..<Int(count) {
            let seqs = (bounds[k] + 1)...bounds[k + 1]
            DispatchQueue.global().async(group: group) {
                let result = Result { () throws -> FoldedRange in
                    try FoldedRange.read(seqs, of: ranges) { _ in }
                }
                later.results.withLock { $0[k - 1] = result }
            }
        }
        // The ranges advance alike: report this one's share of the whole.
        let first = Result { try FoldedRange.read(1...bounds[1], of: ranges) { progress?($0 * count, last) } }
        group.wait()
        var folded = try first.get()
        for result in later.results.withLock({ $0 }) { folded.append(try result!.get()) }
        return folded
    }
}

/// The folds of the later ranges, filled in by their threads.
private final class FoldResults: Sendable {
    let results: Mutex<[Result<FoldedRange, any Error>?]>

    init(count: Int) { results = Mutex(Array(repeating: nil, count: count)) }
}
