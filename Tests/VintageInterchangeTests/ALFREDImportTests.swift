import Testing
import Vintage

@testable import VintageInterchange

@Suite("ALFRED/FRED import")
struct ALFREDImportTests {
    @Test("the all-vintages table stores a vintage only where a value changed; ids are lower case; frequency inferred")
    func wideVintages() throws {
        let w = try Workspace()
        defer { w.remove() }
        let files = try w.importFile(.alfred, Fixture.path("GDPC1.csv"))
        #expect(files[0].rows == 4)
        #expect(files[0].figures == 5)
        #expect(files[0].unchanged == 4)
        #expect(try w.history("gdpc1", "2023-04-01").map(\.1) == [22225.35])
        #expect(try w.history("gdpc1", "2023-07-01").map(\.0) == ["2024-01-25T00:00:00Z", "2024-03-28T00:00:00Z"])
        #expect(try w.history("gdpc1", "2023-10-01").map(\.1) == [22672.859, 22679.255])
        let summary = try w.store.series().first
        #expect(summary?.series.rawValue == "gdpc1")
        #expect(summary?.metadata.frequency == .quarterly)
        // As of a vintage date, the value then known.
        let asOf = try w.store.points(of: [SeriesID("gdpc1")], PointQuery(asOf: Period("2024-02-28").start.microseconds + 86_400_000_000 - 1))
        #expect(asOf[0].points.map(\.value) == [22225.35, 22490.692, 22679.255])
    }

    @Test("importing the file again stores nothing; a later file's unchanged values are not stored again")
    func laterFiles() throws {
        let w = try Workspace()
        defer { w.remove() }
        try w.importFile(.alfred, Fixture.path("GDPC1.csv"))
        let again = try w.importFile(.alfred, Fixture.path("GDPC1.csv"))
        #expect(again[0].outcome.stored == 0)
        let later = try w.write(
            "GDPC1-later.csv",
            """
            observation_date,GDPC1_20240425
            2023-07-01,22506.361
            2023-10-01,22679.255
            2024-01-01,22758.752

            """)
        let files = try w.importFile(.alfred, later)
        #expect(files[0].figures == 1)
        #expect(files[0].unchanged == 2)
        #expect(try w.history("gdpc1", "2024-01-01").map(\.1) == [22758.752])
        #expect(try w.history("gdpc1", "2023-07-01").count == 2)
    }

    @Test("a value missing from a later vintage column is not a retraction")
    func missingIsNotRetraction() throws {
        let w = try Workspace()
        defer { w.remove() }
        let path = try w.write("X.csv", "observation_date,X_20240101,X_20240201\n2023-01-01,1,.\n2023-02-01,2,\n")
        try w.importFile(.alfred, path) { $0.frequency = .monthly }
        #expect(try w.history("x", "2023-01").map(\.1) == [1])
        #expect(try w.store.points(of: [SeriesID("x")])[0].points.map(\.value) == [1, 2])
    }

    @Test("the API's long form: realtime_start is the vintage, the file name the series")
    func longForm() throws {
        let w = try Workspace()
        defer { w.remove() }
        let files = try w.importFile(.alfred, Fixture.path("UNRATE.csv"))
        #expect(files[0].unchanged == 1)
        #expect(try w.history("unrate", "2024-01").map(\.0) == ["2024-02-02T00:00:00Z"])
        #expect(try w.history("unrate", "2024-02").map(\.1) == [3.9, 3.8])
        #expect(try w.store.series().first?.metadata.frequency == .monthly)
    }

    @Test("bare vintage dates as headers (Bundesbank): ';', CRLF, decimal comma, --series and --prefix")
    func bareDates() throws {
        let w = try Workspace()
        defer { w.remove() }
        try w.importFile(.alfred, Fixture.path("bbk-gdp-growth.csv")) {
            $0.series = "GDP_Growth"
            $0.prefix = "de"
            $0.dialect = CSVDialect(decimalComma: true)
        }
        #expect(try w.history("de.gdp_growth", "2023-Q2").map(\.1) == [0.1, 0])
        #expect(try w.history("de.gdp_growth", "2023-Q3").map(\.1) == [-0.1])
        #expect(try w.history("de.gdp_growth", "2023-Q4").map(\.0) == ["2024-02-23T00:00:00Z"])
    }

    @Test("a plain FRED download: one column per series, the vintage date from the file name")
    func plainDownload() throws {
        let w = try Workspace()
        defer { w.remove() }
        let files = try w.importFile(.alfred, Fixture.path("fred-download_20240312.csv"))
        #expect(files[0].figures == 3)
        #expect(try w.history("cpiaucsl", "2024-01").map(\.0) == ["2024-03-12T00:00:00Z"])
        #expect(try w.store.series().map(\.series.rawValue) == ["cpiaucsl", "indpro"])
        // The next download repeats unchanged values: only the changed one is stored.
        let next = try w.write("fred-download_20240412.csv", "observation_date,CPIAUCSL,INDPRO\n2023-12-01,308.742,102.7\n2024-01-01,309.685,102.9\n")
        let second = try w.importFile(.alfred, next)
        #expect(second[0].unchanged == 2)
        #expect(try w.history("indpro", "2023-12").map(\.1) == [102.6, 102.7])
    }

    @Test("monthly dates on a quarterly series are refused, unless --period-align maps them")
    func frequencyFit() throws {
        let w = try Workspace()
        defer { w.remove() }
        let path = try w.write("Q.csv", "observation_date,Q_20240101\n2023-02-15,1\n")
        #expect(throws: InterchangeError.self) { try w.importFile(.alfred, path) { $0.frequency = .quarterly } }
        #expect(try w.store.lastSeq() == 0)
        try w.importFile(.alfred, path) {
            $0.frequency = .quarterly; $0.periodAlignment = .start
        }
        #expect(try w.history("q", "2023-Q1").map(\.1) == [1])
        let ends = try w.write("E.csv", "observation_date,E_20240101\n2023-03-31,1\n2023-06-30,2\n")
        try w.importFile(.alfred, ends) {
            $0.frequency = .quarterly; $0.periodAlignment = .end
        }
        #expect(try w.history("e", "2023-Q2").map(\.1) == [2])
        let notEnd = try w.write("F.csv", "observation_date,F_20240101\n2023-03-30,1\n")
        #expect(throws: InterchangeError.self) {
            try w.importFile(.alfred, notEnd) {
                $0.frequency = .quarterly; $0.periodAlignment = .end
            }
        }
    }
}
