import Testing
import Vintage

@testable import VintageInterchange

@Suite("SDMX-CSV import")
struct SDMXCSVImportTests {
    @Test("1.0 (Eurostat): key as id, dimensions as tags, LAST UPDATE as release time, OBS_FLAG as status, ':' missing")
    func version1() throws {
        let w = try Workspace()
        defer { w.remove() }
        let files = try w.importFile(.sdmxCSV, Fixture.path("estat-hicp-sdmx1.csv")) { $0.releasedAtColumn = "LAST UPDATE" }
        #expect(files[0].rows == 3)
        #expect(files[0].figures == 2)
        let id = try SeriesID("m.i15.cp00.eu27_2020")
        let series = try w.store.series()
        let eu = try #require(series.first { $0.series == id })
        #expect(eu.metadata.frequency == .monthly)
        #expect(eu.metadata.tags == ["freq": "M", "unit": "I15", "coicop": "CP00", "geo": "EU27_2020", "dataflow": "ESTAT:PRC_HICP_MIDX(1.0)"])
        let points = try w.store.points(of: [id])[0].points
        #expect(points.map(\.value) == [125.03, 125.31])
        #expect(points.map(\.status) == [nil, "p"])
        // One definition and one release: the flagged figure carries its status on its entry.
        #expect(files[0].outcome.stored == 2)
        #expect(points[0].releasedAt == (try Timestamp(iso8601: "2024-01-17T23:00:00Z")).microseconds)
    }

    @Test("2.0 with codes and labels: codes taken, quoted labels, UNIT_MEASURE and UNIT_MULT into metadata")
    func version2Labels() throws {
        let w = try Workspace()
        defer { w.remove() }
        try w.importFile(.sdmxCSV, Fixture.path("ecb-exr-sdmx2-labels.csv")) { $0.releasedAt = try! Timestamp(iso8601: "2024-01-05T15:00:00Z") }
        let s = try #require(try w.store.series().first)
        #expect(s.series.rawValue == "q.usd")
        #expect(s.metadata.unit == "USD")
        #expect(s.metadata.frequency == .quarterly)
        #expect(s.metadata.tags["unit_mult"] == "0")
        #expect(s.metadata.tags["currency"] == "USD")
        let points = try w.store.points(of: [s.series])[0].points
        #expect(points.map(\.value) == [1.0884, 1.0752])
        #expect(points.map(\.status) == ["A", "E"])
    }

    @Test("every SDMX TIME_PERIOD form lands on its period's start")
    func timePeriods() throws {
        let w = try Workspace()
        defer { w.remove() }
        try w.importFile(.sdmxCSV, Fixture.path("sdmx2-periods.csv")) { $0.releasedAt = Timestamp(CivilDate(year: 2025, month: 1, day: 1)) }
        func start(_ id: String) throws -> String {
            Timestamp(microseconds: try w.store.points(of: [SeriesID(id)])[0].points[0].validTime).iso8601
        }
        #expect(try start("a.xx") == "2024-01-01T00:00:00Z")
        #expect(try start("s.xx") == "2024-07-01T00:00:00Z")
        #expect(try start("q.xx") == "2024-07-01T00:00:00Z")
        #expect(try start("m.xx") == "2024-02-01T00:00:00Z")
        #expect(try start("w.xx") == "2024-01-29T00:00:00Z")
        #expect(try start("d.xx") == "2024-02-01T00:00:00Z")
        #expect(try start("m.yy") == "2024-03-01T00:00:00Z")
        #expect(try start("a.yy") == "2024-01-01T00:00:00Z")
    }

    @Test("without a release time the import is refused, naming the options")
    func releaseTimeRequired() throws {
        let w = try Workspace()
        defer { w.remove() }
        #expect { try w.importFile(.sdmxCSV, Fixture.path("sdmx2-periods.csv")) } throws: { error in
            "\(error)".contains("--released-at")
        }
    }

    @Test("ACTION D is refused with a clear message, and nothing is stored")
    func deleteRefused() throws {
        let w = try Workspace()
        defer { w.remove() }
        let path = try w.write(
            "mixed.csv",
            """
            STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,TIME_PERIOD,OBS_VALUE
            dataflow,TEST:DEL(1.0),I,M,XX,2024-01,5
            dataflow,TEST:DEL(1.0),D,M,XX,2024-01,

            """)
        do {
            try w.importFile(.sdmxCSV, path) { $0.releasedAt = Timestamp(CivilDate(year: 2025, month: 1, day: 1)) }
            Issue.record("expected a refusal")
        } catch let e as InterchangeError {
            #expect(e.line == 3)
            #expect(e.column == "3 (ACTION)")
            #expect(e.description.contains("--allow-delete"))
        }
        #expect(try w.store.lastSeq() == 0)
    }

    @Test("--allow-delete: a deleted point's vintages lose their effect; the release's other figures stay")
    func deleteAllowed() throws {
        let w = try Workspace()
        defer { w.remove() }
        let first = try w.write(
            "first.csv",
            """
            STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,TIME_PERIOD,OBS_VALUE
            dataflow,TEST:DEL(1.0),I,M,XX,2024-01,5
            dataflow,TEST:DEL(1.0),I,M,YY,2024-01,6

            """)
        try w.importFile(.sdmxCSV, first) { $0.releasedAt = Timestamp(CivilDate(year: 2024, month: 2, day: 1)) }
        let second = try w.write(
            "second.csv",
            """
            STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,TIME_PERIOD,OBS_VALUE
            dataflow,TEST:DEL(1.0),I,M,YY,2024-01,7
            dataflow,TEST:DEL(1.0),I,M,YY,2024-02,8

            """)
        try w.importFile(.sdmxCSV, second) { $0.releasedAt = Timestamp(CivilDate(year: 2024, month: 3, day: 1)) }
        let files = try w.importFile(.sdmxCSV, Fixture.path("sdmx2-delete.csv")) {
            $0.releasedAt = Timestamp(CivilDate(year: 2024, month: 4, day: 1))
            $0.allowDelete = true
        }
        #expect(files[0].outcome.stored == 1)
        #expect(try w.store.points(of: [SeriesID("m.xx")])[0].points.isEmpty)
        #expect(try w.history("m.yy", "2024-01").map(\.1) == [6, 7])
        // Deleting yy's January removes both of its vintages: the second file's release is
        // corrected to its February figure alone, the first one's retracted.
        let yy = try w.write("yy.csv", "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,TIME_PERIOD,OBS_VALUE\ndataflow,TEST:DEL(1.0),D,M,YY,2024-01,\n")
        try w.importFile(.sdmxCSV, yy) {
            $0.releasedAt = Timestamp(CivilDate(year: 2024, month: 4, day: 1)); $0.allowDelete = true
        }
        #expect(try w.store.points(of: [SeriesID("m.yy")])[0].points.map(\.value) == [8])
    }
}
