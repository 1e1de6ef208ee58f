import PropertyBased
import Synchronization
import Testing
import VintageCore
import VintageTestSupport

@testable import VintageFolds
@testable import VintageProjection

/// A rebuild reads the log in seq ranges on several threads (``Projection/readAndFold``):
/// the result must be the fold of the whole log read in one pass.
@Suite struct ReplayRangesTests {
    /// An in-memory log of canonical events, readable in ranges from any thread.
    struct MemoryLog: ProjectionLogReader, ConcurrentLogRanges {
        let events: [(json: [UInt8], type: EventType, id: EventID, seq: Int64)]
        /// The ranges asked for, to see that the log was split.
        let asked = Asked()

        final class Asked: Sendable {
            let ranges = Mutex<[ClosedRange<Int64>]>([])
        }

        init(_ log: [SequencedEvent]) {
            events = log.map { ($0.event.canonicalJSON, $0.event.type, $0.id, $0.seq) }
        }

        func forEachEvent(after seq: Int64, _ body: (SequencedEvent) throws -> Void) throws {
            for e in events where e.seq > seq { try body(SequencedEvent(event: try Event(canonicalJSON: e.json), id: e.id, seq: e.seq)) }
        }

        func forEachCanonicalEvent(after seq: Int64, _ body: (UnsafeBufferPointer<UInt8>, EventType, EventID, Int64) throws -> Void) throws {
            for e in events where e.seq > seq { try e.json.withUnsafeBufferPointer { try body($0, e.type, e.id, e.seq) } }
        }

        func forEachCanonicalEvent(in seqs: ClosedRange<Int64>, _ body: (UnsafeBufferPointer<UInt8>, EventType, EventID, Int64) throws -> Void) throws
        {
            asked.ranges.withLock { $0.append(seqs) }
            for e in events where seqs.contains(e.seq) { try e.json.withUnsafeBufferPointer { try body($0, e.type, e.id, e.seq) } }
        }

        func event(at seq: Int64) throws -> SequencedEvent? { nil }
        func seq(of id: EventID) throws -> Int64? { events.first { $0.id == id }?.seq }
        func lastSeq() throws -> Int64 { events.last?.seq ?? 0 }
        func concurrentRanges() -> (any ConcurrentLogRanges)? { self }
    }

    @Test func aLogFoldedInRangesOnSeveralThreadsEqualsOneFold() async {
        await propertyCheck(count: 100, input: Gen.uint64(in: 0...UInt64.max), Gen.int(in: 8...200), Gen.int(in: 2...4)) { seed, count, parts in
            let log = ReplayFoldTests.wideLog(seed: seed, count: count)
            let reader = MemoryLog(log)
            do {
                let ranged = try Projection.readAndFold(reader, ranges: parts, minimumRangeEvents: 1, progress: nil)
                let asked = reader.asked.ranges.withLock { $0 }
                #expect(asked.count == parts)
                #expect(asked.map(\.count).reduce(0, +) == log.count)
                let whole = try Projection.readAndFold(reader, ranges: 1, progress: nil)
                #expect(ranged.recorded.map(\.seq) == whole.recorded.map(\.seq))
                #expect(ranged.fold.lastSeq == whole.fold.lastSeq)
                let differences = ReplayFoldTests.differences(ranged.fold.finish(), whole.fold.finish())
                #expect(differences.isEmpty, "\(parts) ranges\n\(differences.joined(separator: "\n"))")
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}
