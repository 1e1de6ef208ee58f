import Testing
import Vintage

@testable import VintageInterchange

@Suite("Plain CSV import")
struct CSVImportTests {
    @Test("long CSV: default columns, ids lower-cased, statuses, several release times grouped into releases")
    func long() throws {
        let w = try Workspace()
        defer { w.remove() }
        let files = try w.importFile(.csv, Fixture.path("trade-long.csv"))
        #expect(files[0].figures == 3)
        // Two series definitions and two releases.
        #expect(files[0].outcome.stored == 4)
        #expect(try w.history("kr.exports.total", "2026-01").map(\.1) == [65.8e9, 65.9e9])
        #expect(
            try w.store.history(of: SeriesID("kr.exports.total"), validTime: Period("2026-01").start.microseconds).map(\.status) == [
                "preliminary", "revised"
            ])
        #expect(try w.store.series().first?.metadata.frequency == .monthly)
    }

    @Test("BOM, CRLF, ';', decimal comma, quoted cells with line breaks, NA/Null/empty and --missing markers, month ends")
    func quirks() throws {
        let w = try Workspace()
        defer { w.remove() }
        let text =
            "\u{FEFF}id;stichtag;wert;stand;region\r\n"
            + "de.cpi;2024-01-31;117,6;2024-02-21;\"Deutschland\r\n(gesamt)\"\r\n"
            + "de.cpi;2024-02-29;NA;2024-03-12;x\r\n"
            + "de.cpi;2024-03-31;Null;2024-04-12;x\r\n"
            + "de.cpi;2024-04-30;;2024-05-12;x\r\n"
            + "de.cpi;2024-05-31;-;2024-06-12;x\r\n"
            + "de.cpi;2024-06-30;1.118,2;2024-07-12;x\r\n"
        let path = try w.write("cpi.csv", text)
        let files = try w.importFile(.csv, path) {
            $0.dialect = CSVDialect(decimalComma: true, extraMissing: ["-"])
            $0.seriesColumn = "id"; $0.periodColumn = "stichtag"; $0.valueColumn = "wert"; $0.releasedAtColumn = "stand"
            $0.tagColumns = [.init(key: "region", column: "region")]
            $0.frequency = .monthly
            $0.periodAlignment = .end
        }
        #expect(files[0].rows == 6)
        #expect(files[0].figures == 2)
        let points = try w.store.points(of: [SeriesID("de.cpi")])[0].points
        #expect(points.map(\.value) == [117.6, 1118.2])
        #expect(points.map { Timestamp(microseconds: $0.validTime).iso8601 } == ["2024-01-01T00:00:00Z", "2024-06-01T00:00:00Z"])
        #expect(try w.store.series().first?.metadata.tags == ["region": "Deutschland\r\n(gesamt)"])
    }

    @Test("wide CSV: one column per series, release date from the file name")
    func wide() throws {
        let w = try Workspace()
        defer { w.remove() }
        try w.importFile(.csv, Fixture.path("destatis-wide_2024-03-12.csv")) {
            $0.wide = true
            $0.dialect = CSVDialect(decimalComma: true)
            $0.prefix = "destatis"
        }
        #expect(try w.history("destatis.verbraucherpreisindex", "2024-02").map(\.1) == [118.1])
        #expect(try w.history("destatis.erzeugerpreisindex", "2024-02").map(\.0) == ["2024-03-12T00:00:00Z"])
        #expect(try w.store.points(of: [SeriesID("destatis.erzeugerpreisindex")])[0].points.count == 1)
    }

    @Test("a folder of vintages is applied in the order of the dates in the file names")
    func folder() throws {
        let w = try Workspace()
        defer { w.remove() }
        let files = try w.importFile(.csv, Fixture.path("vintages")) { $0.releasedAtFromFilename = "trade-YYYY-MM-DD.csv" }
        #expect(files.map { $0.file.split(separator: "/").last! } == ["trade-2024-01-31.csv", "trade-2024-02-29.csv"])
        #expect(try w.history("kr.exports.total", "2023-12").map { "\($0.0)=\($0.1)" } == ["2024-01-31T00:00:00Z=57.6", "2024-02-29T00:00:00Z=57.7"])
    }

    @Test("file-name dates: patterns with YYYY MM DD and *, or the first date in the name")
    func fileNameDates() {
        #expect(
            FileNameDate.date(in: "/x/trade-2024-01-31.csv", pattern: "trade-YYYY-MM-DD.csv") == Timestamp(CivilDate(year: 2024, month: 1, day: 31)))
        #expect(FileNameDate.date(in: "v_20240131_final.csv", pattern: "v_YYYYMMDD*") == Timestamp(CivilDate(year: 2024, month: 1, day: 31)))
        #expect(FileNameDate.date(in: "trade-2024-02.csv", pattern: "trade-YYYY-MM.csv") == Timestamp(CivilDate(year: 2024, month: 2, day: 1)))
        #expect(FileNameDate.date(in: "trade.csv", pattern: "trade-YYYY-MM-DD.csv") == nil)
        #expect(FileNameDate.date(in: "GDPC1_20240125.csv", pattern: nil) == Timestamp(CivilDate(year: 2024, month: 1, day: 25)))
        #expect(FileNameDate.date(in: "GDPC1.csv", pattern: nil) == nil)
    }

    @Test("checking a file reads every row and reports its faults, but appends nothing")
    func checkOnly() throws {
        let w = try Workspace()
        defer { w.remove() }
        var importer = Importer(store: w.store, format: .csv, options: ImportOptions())
        importer.checkOnly = true
        let files = try importer.run(Fixture.path("trade-long.csv"))
        #expect(files[0].rows == 3)
        #expect(files[0].figures == 3)
        #expect(files[0].outcome.stored == 0)
        #expect(try w.store.lastSeq() == 0)
        let bad = try w.write("bad.csv", "series,period,value,released_at\na,2024-01,x,2024-02-01\n")
        #expect(throws: InterchangeError.self) { _ = try importer.run(bad) }
    }
}
