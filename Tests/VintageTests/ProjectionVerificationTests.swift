import Foundation
import Testing
import Vintage

/// `verify` compares an intact projection (every file's checksum right) with a fresh fold of
/// the log, as `replay` folds it: a projection of another history of the same length is
/// reported, one line per difference, naming the series and the row.
@Suite struct ProjectionVerificationTests {
    func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("vintage-verify-\(UUID().uuidString)").path
    }

    /// A store of a definition, an observation of `value`, an announcement, and a correction
    /// of the observation to `corrected`.
    func store(at path: String, value: String, corrected: String, title: String) throws -> Store {
        let store = try Store(directory: path, create: true)
        let lines = [
            #"{"type":"series","series":"kr.exports.total","unit":"USD","frequency":"monthly"}"#,
            #"{"type":"observation","id":"jan","series":"kr.exports.total","period":"2026-01","value":\#(value),"released_at":"2026-02-01T00:00:00Z"}"#,
            #"{"type":"announcement","id":"a1","released_at":"2026-02-02T00:00:00Z","kind":"k","title":"\#(title)","effective":"2026-02-17"}"#,
            #"{"type":"correction","target":"jan","replacement":{"type":"observation","series":"kr.exports.total","period":"2026-01","value":\#(corrected),"released_at":"2026-02-01T00:00:00Z"}}"#
        ]
        _ = try store.append(ndjson: Array(lines.joined(separator: "\n").utf8))
        return store
    }

    @Test func aProjectionOfAnotherHistoryIsReportedRowByRow() throws {
        let here = temporaryDirectory(), there = temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: here)
            try? FileManager.default.removeItem(atPath: there)
        }
        #expect(try store(at: here, value: "1", corrected: "2", title: "Trade").verify().isIntact)
        #expect(try store(at: there, value: "1", corrected: "3", title: "Exports").verify().isIntact)
        // The other store's projection, intact and at the same seq, in place of this one's.
        try FileManager.default.removeItem(atPath: here + "/projection")
        try FileManager.default.copyItem(atPath: there + "/projection", toPath: here + "/projection")
        let report = try Store(directory: here).verify()
        #expect(report.log.isIntact)
        let rows = report.projection.filter { $0.hasPrefix("series 'kr.exports.total': row ") }
        #expect(rows.count == 1)
        #expect(rows.first?.contains("value 3.0") == true && rows.first?.contains("value 2.0") == true)
        #expect(report.projection.contains { $0.hasPrefix("announcement timeline: row 0 is") && $0.contains("'Exports'") })
        for problem in report.projection { #expect(!problem.contains("\n")) }
    }
}
