import Foundation
import Testing
import Vintage

/// `replay` folds observations and releases straight from the log's batch columns, without
/// computing the derived ids of their events: corrections and retractions naming derived ids
/// are resolved at the end. The replayed store answers exactly as the store did.
@Suite struct ReplayFromColumnsTests {
    /// Every answer the test compares, as text.
    static func answers(_ store: Store) throws -> [String] {
        var answers: [String] = []
        for name in ["a.x", "a.y"] {
            let series = try SeriesID(name)
            answers.append("\(try store.vintages(of: series))")
            answers.append("\(try store.points(of: [series]))")
            for month in 1...5 {
                let validTime = try Period("2026-0\(month)").start.microseconds
                answers.append("\(try store.history(of: series, validTime: validTime))")
            }
        }
        return answers
    }

    @Test func correctionsOfEventsWithDerivedIDsSurviveAReplay() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vintage-replay-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(directory: path, create: true)
        var lines = [#"{"type":"series","series":"a.x"}"#, #"{"type":"series","series":"a.y"}"#]
        for month in 1...5 {
            lines.append(
                #"{"type":"observation","series":"a.x","period":"2026-0\#(month)","value":\#(month).5,"released_at":"2026-06-01T00:00:00Z","status":"p"}"#
            )
        }
        lines.append(
            #"{"type":"release","released_at":"2026-07-01T00:00:00Z","status":"r","observations":[{"series":"a.x","period":"2026-01","value":7},{"series":"a.y","period":"2026-02","value":8,"status":"f"}]}"#
        )
        _ = try store.append(ndjson: Array(lines.joined(separator: "\n").utf8))
        let ids = try store.events().map(\.id.rawValue)
        #expect(ids[2].hasPrefix("ev-") && ids[7].hasPrefix("ev-"))
        let overrides = [
            #"{"type":"correction","target":"\#(ids[3])","replacement":{"type":"observation","series":"a.x","period":"2026-02","value":20,"released_at":"2026-06-01T00:00:00Z"}}"#,
            #"{"type":"retraction","target":"\#(ids[4])"}"#,
            #"{"type":"correction","target":"\#(ids[7])","reason":"typo","replacement":{"type":"release","released_at":"2026-07-01T00:00:00Z","observations":[{"series":"a.y","period":"2026-02","value":9}]}}"#
        ]
        _ = try store.append(ndjson: Array(overrides.joined(separator: "\n").utf8))
        let before = try Self.answers(store)
        #expect(before.contains { $0.contains("20.0") }, "the correction shows")
        let outcome = try store.replay()
        #expect(outcome.observations == 7)
        #expect(try Self.answers(store) == before)
        #expect(try Self.answers(try Store(directory: path)) == before)
        #expect(try store.verify().isIntact)
    }
}
