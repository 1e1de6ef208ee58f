import CSQLite
import PropertyBased
import Testing
import VintageCore
import VintageTestSupport

@testable import VintageLog

/// The log's acceptance rules checked against the reference model (``ReferenceModel``): for
/// random batches of definitions, observations, releases, restatements, conflicts,
/// corrections and retractions, the log accepts exactly the batches the model accepts,
/// with the same counts, and ends with the same vintages and definitions.
@Suite struct LogModelTests {
    /// Appends a batch to the model as the log appends it, all or nothing: the numbers of
    /// events stored and of duplicates, or nil (and the model unchanged) when the model
    /// rejects an event of it.
    static func append(_ batch: [PreparedEvent], to model: inout ReferenceModel) -> (stored: Int, duplicates: Int)? {
        var next = model
        var counts = (stored: 0, duplicates: 0)
        for event in batch {
            switch next.append(event.event, id: event.id) {
            case .stored: counts.stored += 1
            case .duplicate: counts.duplicates += 1
            case .rejected: return nil
            }
        }
        model = next
        return counts
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
            let replacement =
                #"{"type":"observation","series":"\#(series)","period":"\#(period)","value":\#(value == "1" ? "3" : "1"),"released_at":"\#(released)"}"#
            return #"{"type":"correction",\#(id)"target":"\#(target)","replacement":\#(replacement)}"#
        case 4: return #"{"type":"retraction",\#(id)"target":"\#(target)"}"#
        case 5:
            let other = ["a.x", "b.y", "c.z"][(code / 7 + 1) % 3]
            return
                #"{"type":"release",\#(id)"released_at":"\#(released)","observations":[{"series":"\#(series)","period":"\#(period)","value":\#(value)},{"series":"\#(other)","period":"\#(period)","value":\#(value)}]}"#
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
                var model = ReferenceModel()
                for (n, codes) in batches.enumerated() {
                    let batch = try prepared(codes.map(Self.line).joined(separator: "\n"))
                    let expected = Self.append(batch, to: &model)
                    let actual: AppendOutcome?
                    do {
                        actual = try f.log.append(batch, recordedAt: Timestamp(microseconds: Int64(n)))
                    } catch LogError.rejected {
                        actual = nil
                    }
                    #expect(
                        actual.map { [$0.stored, $0.duplicates] } == expected.map { [$0.stored, $0.duplicates] },
                        "batch \(n): \(codes.map(Self.line))")
                    // The index tables the appends maintain agree with verify's fold after every batch.
                    #expect(try f.log.verify().isIntact, "batch \(n): \(codes.map(Self.line))")
                }
                #expect(try f.log.lastSeq() == model.lastSeq)
                #expect(try Self.vintages(in: f) == model.liveValues.mapValues { "\($0[0].shortestText)×\($0.count)" })
                #expect(try f.log.verify().isIntact)
            }
        }
    }

    /// The log's vintage state (the events in force, folded) as `key → "value×refs"`.
    static func vintages(in f: LogFixture) throws -> [ReferenceModel.Key: String] {
        var result: [ReferenceModel.Key: String] = [:]
        for (key, vintage) in try f.log.liveVintages() {
            result[ReferenceModel.Key(series: SeriesID(unchecked: key.series), validTime: key.period, releasedAt: key.releasedAt)] =
                "\(vintage.value.shortestText)×\(vintage.refs)"
        }
        return result
    }
}
