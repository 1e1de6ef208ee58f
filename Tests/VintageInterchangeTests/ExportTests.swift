import Testing
import Vintage

@testable import VintageInterchange

@Suite("Export")
struct ExportTests {
    func text(_ sink: OutputSink) -> String { String(decoding: sink.kept, as: UTF8.self) }

    @Test("alfred: one column per vintage date, '.' before a point's first release, values carried forward")
    func alfred() throws {
        let w = try Workspace()
        defer { w.remove() }
        try w.importFile(.alfred, Fixture.path("GDPC1.csv"))
        let sink = OutputSink()
        try ALFREDExporter.write(w.store, series: SeriesID("gdpc1"), selection: ExportSelection(), to: sink)
        #expect(
            text(sink) == """
                observation_date,GDPC1_20240125,GDPC1_20240228,GDPC1_20240328
                2023-04-01,22225.35,22225.35,22225.35
                2023-07-01,22490.692,22490.692,22506.361
                2023-10-01,22672.859,22679.255,22679.255

                """)
    }

    @Test("csv: the view's points with period, release time, seq and status; --as-of and --first-release respected")
    func longCSV() throws {
        let w = try Workspace()
        defer { w.remove() }
        try w.importFile(.csv, Fixture.path("trade-long.csv"))
        let latest = OutputSink()
        try LongCSVExporter.write(w.store, ExportSelection(series: [SeriesID("kr.exports.total")]), allVintages: false, to: latest)
        #expect(text(latest) == "series,period,value,released_at,seq,status\nkr.exports.total,2026-01,65900000000,2026-02-15T00:00:00Z,4,revised\n")
        let first = OutputSink()
        try LongCSVExporter.write(
            w.store, ExportSelection(series: [SeriesID("kr.exports.total")], query: PointQuery(firstRelease: true)), allVintages: false, to: first)
        #expect(text(first).contains("65800000000,2026-02-01T00:00:00Z,3,preliminary"))
        let asOf = OutputSink()
        try LongCSVExporter.write(
            w.store, ExportSelection(query: PointQuery(asOf: Period("2026-02-10").start.microseconds)), allVintages: false, to: asOf)
        #expect(
            text(asOf) == """
                series,period,value,released_at,seq,status
                kr.exports.autos,2026-01,6000000000,2026-02-01T00:00:00Z,3,preliminary
                kr.exports.total,2026-01,65800000000,2026-02-01T00:00:00Z,3,preliminary

                """)
    }

    @Test("sdmx-csv: the SDMX key's dimensions come back as columns, and the file imports back to the same series")
    func sdmx() throws {
        let w = try Workspace()
        defer { w.remove() }
        try w.importFile(.sdmxCSV, Fixture.path("estat-hicp-sdmx1.csv")) { $0.releasedAtColumn = "LAST UPDATE" }
        let sink = OutputSink()
        try SDMXCSVExporter.write(w.store, ExportSelection(), to: sink)
        #expect(
            text(sink) == """
                STRUCTURE,STRUCTURE_ID,ACTION,FREQ,UNIT,COICOP,GEO,TIME_PERIOD,OBS_VALUE,OBS_STATUS,LAST_UPDATE
                dataflow,ESTAT:PRC_HICP_MIDX(1.0),I,M,I15,CP00,EU27_2020,2023-11,125.03,,2024-01-17T23:00:00Z
                dataflow,ESTAT:PRC_HICP_MIDX(1.0),I,M,I15,CP00,EU27_2020,2023-12,125.31,p,2024-01-17T23:00:00Z

                """)
        let other = try Workspace()
        defer { other.remove() }
        let path = try other.write("back.csv", sink.kept)
        try other.importFile(.sdmxCSV, path) { $0.releasedAtColumn = "LAST_UPDATE" }
        func rows(_ store: Store) throws -> [String] {
            try store.points(of: [SeriesID("m.i15.cp00.eu27_2020")])[0].points.map {
                "\($0.validTime) \($0.value) \($0.releasedAt) \($0.status ?? "-")"
            }
        }
        #expect(try rows(other.store) == rows(w.store))
    }

    @Test("ndjson of selected series: only their events, a release narrowed to their entries under its own id")
    func ndjsonSelection() throws {
        let w = try Workspace()
        defer { w.remove() }
        try w.importFile(.csv, Fixture.path("trade-long.csv"))
        let sink = OutputSink()
        let count = try NDJSONExporter.write(w.store, ExportSelection(series: [SeriesID("kr.exports.autos")]), to: sink)
        #expect(count == 2)
        let lines = text(sink).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[1].contains(#""observations":[{"series":"kr.exports.autos""#))
        #expect(!lines[1].contains("kr.exports.total"))
        #expect(lines[1].hasPrefix(#"{"id":""#))
    }
}
