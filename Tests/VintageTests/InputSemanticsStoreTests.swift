import Foundation
import Testing
import Vintage

/// Issue 11's input semantics through the library: series ids matched in any case, the
/// frequency rule at append only (replay keeps what the log holds), and warnings on the
/// append outcome.
@Suite struct InputSemanticsStoreTests {
    func withStore(_ body: (Store) throws -> Void) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vintage-semantics-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try body(try Store(directory: path, create: true))
    }

    static func append(_ store: Store, _ lines: String...) throws -> AppendOutcome {
        try store.append(ndjson: Array(lines.joined(separator: "\n").utf8))
    }

    @Test func queriesMatchSeriesIDsInAnyCase() throws {
        try withStore { store in
            _ = try Self.append(
                store, #"{"type":"series","series":"FRED.GDPC1","frequency":"quarterly","tags":{"source":"FRED"}}"#,
                #"{"type":"observation","series":"Fred.Gdpc1","period":"2016-Q1","value":16525,"released_at":"2016-04-28"}"#)
            let upper = try SeriesID("FRED.GDPC1")
            #expect(upper.rawValue == "fred.gdpc1")
            let points = try store.points(of: [upper])
            #expect(points.map(\.series.rawValue) == ["fred.gdpc1"])
            #expect(points.first?.points.map(\.value) == [16525])
            #expect(points.first?.points.first?.releasedAt == (try Timestamp(iso8601: "2016-04-28T00:00:00Z")).microseconds)
            let start = try Period("2016-01").start.microseconds
            #expect(try store.history(of: try SeriesID("fred.GDPC1"), validTime: start).count == 1)
            #expect(try store.series().map(\.series.rawValue) == ["fred.gdpc1"])
        }
    }

    @Test func aMisfitIsRefusedAtAppendButALogHoldingOneReplaysUnchanged() throws {
        try withStore { store in
            // Stored while the series had no frequency; then it becomes quarterly.
            _ = try Self.append(
                store, #"{"type":"series","series":"fred.gdpc1"}"#,
                #"{"type":"observation","series":"fred.gdpc1","period":"2016-03","value":1,"released_at":"2016-04-28"}"#,
                #"{"type":"series","series":"fred.gdpc1","frequency":"quarterly"}"#)
            #expect(throws: StoreError.self) {
                _ = try Self.append(store, #"{"type":"observation","series":"fred.gdpc1","period":"2016-05","value":1,"released_at":"2016-07-29"}"#)
            }
            do {
                _ = try Self.append(store, #"{"type":"observation","series":"fred.gdpc1","period":"2016-05","value":1,"released_at":"2016-07-29"}"#)
            } catch {
                #expect("\(error)".contains("line 1: field 'period': 2016-05 does not fit the quarterly series 'fred.gdpc1'"), "\(error)")
            }
            let before = try store.points(of: [try SeriesID("fred.gdpc1")])
            #expect(before.first?.points.map(\.validTime) == [try Period("2016-03").start.microseconds])
            _ = try store.replay()
            #expect(try store.points(of: [try SeriesID("fred.gdpc1")]) == before)
            #expect(try store.verify().isIntact)
        }
    }

    @Test func theAppendOutcomeCarriesTheDroppedFiguresWarning() throws {
        try withStore { store in
            _ = try Self.append(
                store, #"{"type":"series","series":"a"}"#, #"{"type":"series","series":"b"}"#,
                #"{"type":"release","id":"r","released_at":"2026-02-01","observations":[{"series":"a","period":"2026-01","value":1},{"series":"b","period":"2026-01","value":2}]}"#
            )
            let outcome = try Self.append(
                store,
                #"{"type":"correction","target":"r","replacement":{"type":"release","released_at":"2026-02-01","observations":[{"series":"a","period":"2026-01","value":1.5}]}}"#
            )
            #expect(outcome.stored == 1)
            #expect(outcome.warnings == [.correctionDropsFigures(line: 1, target: try EventID("r"), figures: 1, series: [try SeriesID("b")])])
            #expect(try store.points(of: [try SeriesID("b")]).first?.points.isEmpty == true)
        }
    }
}
