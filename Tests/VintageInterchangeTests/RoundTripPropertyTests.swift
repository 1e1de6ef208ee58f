import Foundation
import PropertyBased
import Testing
import Vintage
import VintageTestSupport

@testable import VintageInterchange

/// Random stores of monthly and quarterly series with several vintages per point, released
/// on whole days (ALFRED's vintages are dates); values change between a point's vintages.
struct Scenario: Sendable, CustomStringConvertible {
    struct Vintage: Sendable { var series: Int; var month: Int; var day: Int; var value: Double }
    var quarterly: [Bool]
    var vintages: [Vintage]

    var ndjson: String {
        var lines: [String] = []
        for (i, q) in quarterly.enumerated() {
            lines.append(#"{"type":"series","series":"s\#(i)","frequency":"\#(q ? "quarterly" : "monthly")","tags":{"k":"\#(i % 2)"}}"#)
        }
        for v in vintages {
            let month = quarterly[v.series] ? (v.month / 3) * 3 : v.month
            let period = "20\(10 + month / 12)-\(String(format: "%02d", month % 12 + 1))"
            let released = "2030-\(String(format: "%02d", v.day / 28 + 1))-\(String(format: "%02d", v.day % 28 + 1))"
            lines.append(
                #"{"type":"observation","series":"s\#(v.series)","period":"\#(period)","value":\#(v.value.shortestText),"released_at":"\#(released)","status":"st\#(v.day % 3)"}"#
            )
        }
        return lines.joined(separator: "\n")
    }

    var description: String { ndjson }

    static let generator: Generator<Scenario, Shrink.None<Scenario>> = Generator { rng in
        let seriesCount = Int.random(in: 1...3, using: &rng)
        let quarterly = (0..<seriesCount).map { _ in Bool.random(using: &rng) }
        var vintages: [Vintage] = []
        var taken: Set<[Int]> = []
        var counter = 0.0
        for _ in 0..<Int.random(in: 1...40, using: &rng) {
            let v = Vintage(
                series: Int.random(in: 0..<seriesCount, using: &rng), month: Int.random(in: 0..<24, using: &rng),
                day: Int.random(in: 0..<60, using: &rng), value: 0)
            let month = quarterly[v.series] ? (v.month / 3) * 3 : v.month
            guard taken.insert([v.series, month, v.day]).inserted else { continue }
            counter += 1
            var withValue = v
            // Distinct values, so that every vintage is a change (ALFRED stores only changes).
            withValue.value = (Double(Int.random(in: -5000...5000, using: &rng)) + counter * 10_007) / 100
            vintages.append(withValue)
        }
        return Scenario(quarterly: quarterly, vintages: vintages)
    }
}

@Suite("Export → import round trips")
struct RoundTripPropertyTests {
    /// Every vintage of every point, as text, for comparing stores.
    static func allVintages(_ store: Store, status: Bool = true) throws -> [String] {
        var out: [String] = []
        for summary in try store.series() {
            for set in try store.points(of: [summary.series]) {
                for p in set.points {
                    for h in try store.history(of: summary.series, validTime: p.validTime) {
                        out.append("\(summary.series) \(p.validTime) \(h.releasedAt) \(h.value)" + (status ? " \(h.status ?? "-")" : ""))
                    }
                }
            }
        }
        return out
    }

    @Test("export ndjson, appended to an empty store, answers every query the same way")
    func ndjson() async throws {
        await Self.check { a, b in
            let sink = OutputSink()
            try NDJSONExporter.write(a.store, ExportSelection(), to: sink)
            _ = try b.store.append(ndjson: sink.kept)
            #expect(try Self.allVintages(b.store) == Self.allVintages(a.store))
            #expect(try b.store.series() == a.store.series())
            for asOf in ["2030-01-15", "2030-02-10", "2030-03-01"] {
                let q = PointQuery(asOf: try Period(asOf).start.microseconds)
                #expect(try b.store.points(q) == a.store.points(q))
            }
            #expect(try b.store.points(PointQuery(firstRelease: true)) == a.store.points(PointQuery(firstRelease: true)))
            #expect(try b.store.points(PointQuery(atSeq: 2)) == a.store.points(PointQuery(atSeq: 2)))
        }
    }

    @Test("export csv --vintages, imported into an empty store, keeps every vintage with its status")
    func longCSV() async throws {
        // The series' definitions travel as NDJSON; the figures as CSV.
        await Self.check(definitions: true) { a, b in
            let sink = OutputSink()
            try LongCSVExporter.write(a.store, ExportSelection(), allVintages: true, to: sink)
            try b.importFile(.csv, try b.write("all.csv", sink.kept))
            #expect(try Self.allVintages(b.store) == Self.allVintages(a.store))
        }
    }

    @Test("export alfred, imported into an empty store, keeps every vintage")
    func alfred() async throws {
        await Self.check { a, b in
            for summary in try a.store.series() where summary.points > 0 {
                let sink = OutputSink()
                try ALFREDExporter.write(a.store, series: summary.series, selection: ExportSelection(), to: sink)
                try b.importFile(.alfred, try b.write("\(summary.series).csv", sink.kept)) { $0.frequency = summary.metadata.frequency }
            }
            #expect(
                try Self.allVintages(b.store, status: false)
                    == Self.allVintages(a.store, status: false).filter { line in
                        try! a.store.series().contains { $0.points > 0 && line.hasPrefix("\($0.series) ") }
                    })
        }
    }

    @Test("export sdmx-csv of the latest view, imported back, gives the same latest view")
    func sdmx() async throws {
        await Self.check(definitions: true) { a, b in
            let sink = OutputSink()
            try SDMXCSVExporter.write(a.store, ExportSelection(), to: sink)
            try b.importFile(.sdmxCSV, try b.write("latest.csv", sink.kept)) { $0.releasedAtColumn = "LAST_UPDATE" }
            func latest(_ s: Store) throws -> [String] {
                try s.points().flatMap { set in set.points.map { "\(set.series) \($0.validTime) \($0.value) \($0.releasedAt) \($0.status ?? "-")" } }
            }
            #expect(try latest(b.store) == latest(a.store))
        }
    }

    /// Checks `body` on random scenarios: `a` a store holding the scenario, `b` an empty one
    /// (holding the scenario's series definitions only, with `definitions`), both removed after.
    static func check(definitions: Bool = false, _ body: @escaping @Sendable (Workspace, Workspace) throws -> Void) async {
        await propertyCheck(count: 15, input: Scenario.generator) { scenario in
            recordingErrors {
                let a = try Workspace(), b = try Workspace()
                defer { a.remove(); b.remove() }
                _ = try a.store.append(ndjson: Array(scenario.ndjson.utf8))
                if definitions {
                    _ = try b.store.append(
                        ndjson: Array(scenario.ndjson.split(separator: "\n").filter { $0.contains(#""type":"series""#) }.joined(separator: "\n").utf8)
                    )
                }
                try body(a, b)
            }
        }
    }
}
