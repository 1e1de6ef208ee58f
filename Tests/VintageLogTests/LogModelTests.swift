import CSQLite
import PropertyBased
import Testing
import VintageCore
@testable import VintageLog
import VintageTestSupport

/// The log's acceptance rules checked against a deliberately simple in-memory model: for
/// random batches of definitions, observations, releases, restatements, conflicts,
/// corrections and retractions, the log accepts exactly the batches the model accepts,
/// with the same counts, and ends with the same vintages and definitions.
@Suite struct LogModelTests {
    /// The reference: the rules of SPEC.md written as plainly as possible.
    struct Model {
        struct VintageKey: Hashable { var series: String; var period: Int64; var releasedAt: Int64 }
        var stored: [PreparedEvent] = []
        var seqOfID: [EventID: Int] = [:]
        var definitions: [String: Int] = [:]
        var vintages: [VintageKey: (value: Double, refs: Int)] = [:]
        var override: [Int: Int] = [:]

        struct Rejected: Error {}

        /// Applies a batch; returns (stored, duplicates), or throws (and changes nothing).
        mutating func apply(_ batch: [PreparedEvent]) throws -> (Int, Int) {
            var next = self
            var counts = (0, 0)
            for event in batch {
                if let seq = next.seqOfID[event.id] {
                    guard next.stored[seq - 1].checksum == event.checksum else { throw Rejected() }
                    counts.1 += 1
                    continue
                }
                next.stored.append(event)
                let seq = next.stored.count
                next.seqOfID[event.id] = seq
                try next.effect(of: event.event, seq: seq)
                counts.0 += 1
            }
            self = next
            return counts
        }

        private mutating func effect(of event: Event, seq: Int) throws {
            switch event {
            case .correction(let c):
                let target = try targetSeq(c.target, before: seq)
                guard stored[target - 1].event.type == c.replacement.type else { throw Rejected() }
                let current = currentEvent(target)
                if case .series = c.replacement {
                    try add(c.replacement)
                    try remove(current)
                } else {
                    try remove(current)
                    try add(c.replacement)
                }
                override[target] = seq
            case .retraction(let r):
                let target = try targetSeq(r.target, before: seq)
                try remove(currentEvent(target))
                override[target] = seq
            default:
                try add(event)
            }
        }

        private func targetSeq(_ id: EventID, before seq: Int) throws -> Int {
            guard let target = seqOfID[id], target < seq else { throw Rejected() }
            let type = stored[target - 1].event.type
            guard type != .correction && type != .retraction else { throw Rejected() }
            return target
        }

        private func currentEvent(_ target: Int) -> Event? {
            guard let by = override[target] else { return stored[target - 1].event }
            if case .correction(let c) = stored[by - 1].event { return c.replacement }
            return nil
        }

        private mutating func add(_ event: Event) throws {
            if case .series(let s) = event { definitions[s.series.rawValue, default: 0] += 1; return }
            for figure in event.statedFigures {
                guard definitions[figure.series.rawValue, default: 0] > 0 else { throw Rejected() }
                let key = VintageKey(series: figure.series.rawValue, period: figure.period.start.microseconds, releasedAt: figure.releasedAt.microseconds)
                if let existing = vintages[key] {
                    guard existing.value == figure.value else { throw Rejected() }
                    vintages[key]!.refs += 1
                } else {
                    vintages[key] = (figure.value, 1)
                }
            }
        }

        private mutating func remove(_ event: Event?) throws {
            guard let event else { return }
            if case .series(let s) = event {
                let id = s.series.rawValue
                definitions[id, default: 0] -= 1
                if definitions[id] == 0 && vintages.keys.contains(where: { $0.series == id }) { throw Rejected() }
                return
            }
            for figure in event.statedFigures {
                let key = VintageKey(series: figure.series.rawValue, period: figure.period.start.microseconds, releasedAt: figure.releasedAt.microseconds)
                guard let existing = vintages[key] else { continue }
                vintages[key] = existing.refs > 1 ? (existing.value, existing.refs - 1) : nil
            }
        }
    }

    /// Turns a random code into one NDJSON event over a small space of series, periods,
    /// release times, values and ids, so that collisions (restatements, conflicts, duplicate
    /// ids, corrections of existing events) are frequent.
    static func line(_ code: Int) -> String {
        let series = ["a.x", "b.y", "c.z"][code / 7 % 3]
        let period = ["2026-01", "2026-M02"][code / 21 % 2]
        let released = ["2026-02-01T00:00:00Z", "2026-03-01T09:00:00+09:00"][code / 42 % 2]
        let value = ["1", "2.5"][code / 84 % 2]
        let idCode = code / 168 % 4
        let id = idCode == 0 ? "" : #""id":"e\#(idCode)","#
        let target = "e\(code / 672 % 4)"
        let observation = #"{"type":"observation",\#(id)"series":"\#(series)","period":"\#(period)","value":\#(value),"released_at":"\#(released)"}"#
        switch code % 7 {
        case 0, 1: return observation
        case 2: return #"{"type":"series",\#(id)"series":"\#(series)"}"#
        case 3:
            let replacement = #"{"type":"observation","series":"\#(series)","period":"\#(period)","value":\#(value == "1" ? "3" : "1"),"released_at":"\#(released)"}"#
            return #"{"type":"correction",\#(id)"target":"\#(target)","replacement":\#(replacement)}"#
        case 4: return #"{"type":"retraction",\#(id)"target":"\#(target)"}"#
        case 5:
            let other = ["a.x", "b.y", "c.z"][(code / 7 + 1) % 3]
            return #"{"type":"release",\#(id)"released_at":"\#(released)","observations":[{"series":"\#(series)","period":"\#(period)","value":\#(value)},{"series":"\#(other)","period":"\#(period)","value":\#(value)}]}"#
        default:
            let replacement = #"{"type":"series","series":"\#(series)","unit":"u"}"#
            return #"{"type":"correction",\#(id)"target":"\#(target)","replacement":\#(replacement)}"#
        }
    }

    @Test func theLogAcceptsExactlyWhatTheModelAccepts() async throws {
        await Self.check(count: 150, batches: Gen.int(in: 0...2687).array(of: 1...4).array(of: 1...14))
    }

    /// Batches longer than one multi-row insert (32 rows), so that duplicates and taken
    /// keys fall inside the groups written by one statement.
    @Test func theLogAcceptsExactlyWhatTheModelAcceptsInLargeBatches() async throws {
        await Self.check(count: 40, batches: Gen.int(in: 0...2687).array(of: 30...90).array(of: 1...5))
    }

    static func check(count: Int, batches generator: Generator<[[Int]], some Sequence<[[Int]]>>) async {
        await propertyCheck(count: count, input: generator) { batches in
            recordingErrors {
                let f = try LogFixture()
                var model = Model()
                for (n, codes) in batches.enumerated() {
                    let batch = try LogFixture.prepare(codes.map(Self.line).joined(separator: "\n"))
                    let expected = try? model.apply(batch)
                    let actual: AppendOutcome?
                    do {
                        actual = try f.log.append(batch, recordedAt: Timestamp(microseconds: Int64(n)))
                    } catch LogError.rejected {
                        actual = nil
                    }
                    #expect(actual.map { [$0.stored, $0.duplicates] } == expected.map { [$0.0, $0.1] }, "batch \(n): \(codes.map(Self.line))")
                    // The index tables the appends maintain agree with verify's fold after every batch.
                    #expect(try f.log.verify().isIntact, "batch \(n): \(codes.map(Self.line))")
                }
                #expect(try f.log.lastSeq() == Int64(model.stored.count))
                #expect(try Self.vintages(in: f) == model.vintages.mapValues { "\($0.value.shortestText)×\($0.refs)" })
                #expect(try f.log.verify().isIntact)
            }
        }
    }

    /// The log's vintage state (the events in force, folded) as `key → "value×refs"`.
    static func vintages(in f: LogFixture) throws -> [Model.VintageKey: String] {
        var result: [Model.VintageKey: String] = [:]
        for (key, vintage) in try f.log.liveVintages() {
            result[Model.VintageKey(series: key.series, period: key.period, releasedAt: key.releasedAt)] = "\(vintage.value.shortestText)×\(vintage.refs)"
        }
        return result
    }
}
