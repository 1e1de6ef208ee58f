import Foundation
import Testing
import Vintage

/// The README's library example, run as written.
@Suite struct LibraryExampleTests {
    @Test func theReadmeExampleWorks() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vintage-readme-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ndjsonText = """
            {"type":"series","series":"kr.exports.total","unit":"USD","frequency":"monthly"}
            {"type":"observation","series":"kr.exports.total","period":"2026-01","value":65.8e9,"released_at":"2026-02-01T00:00:00Z"}
            {"type":"observation","series":"kr.exports.total","period":"2026-01","value":65.9e9,"released_at":"2026-02-15T00:00:00Z"}
            """

        let store = try Store(directory: directory, create: true)
        let outcome = try store.append(ndjson: Array(ndjsonText.utf8))
        let total = try SeriesID("kr.exports.total")
        let asKnown = try store.points(
            of: [total],
            PointQuery(
                from: try Period("2026-01").start.microseconds,
                asOf: try Timestamp(iso8601: "2026-02-10T23:59:59Z").microseconds))
        let vintages = try store.history(of: total, validTime: try Period("2026-01").start.microseconds)
        let yearly = try store.query([total], AnalyticQuery(aggregate: .sum, bucket: try Bucket(parsing: "1y")))
        let snapshot = try store.createSnapshot(name: "before-fix")
        let replayed = try store.replay()
        let report = try store.verify()

        #expect(outcome.seqRange == 1...3)
        #expect(asKnown.first?.points.map(\.value) == [65.8e9])
        #expect(vintages.map(\.value) == [65.8e9, 65.9e9])
        #expect(
            yearly == .aggregates([AggregateRows(key: .series(total), times: [try Period("2026").start.microseconds], values: [65.9e9], counts: [1])])
        )
        #expect(snapshot.logSeq == 3)
        #expect(replayed.events == 3)
        #expect(report.isIntact)
    }
}
