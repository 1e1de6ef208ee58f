import Foundation
import Testing

@Suite("vintage import and export")
struct ImportCLITests {
    static let gdp = """
        observation_date,GDPC1_20240125,GDPC1_20240228
        2023-07-01,22490.692,22506.361
        2023-10-01,22672.859,22672.859

        """

    @Test("import alfred prints what it stored; export alfred writes the same table back")
    func alfredRoundTrip() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        try v.write("GDPC1.csv", Self.gdp)
        let imported = try v.run(["import", "alfred", "GDPC1.csv", "--format", "table"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout == "GDPC1.csv: 2 rows, 3 figures, 1 unchanged from the previous vintage; stored 3 events (seq 1–3); 0 duplicates\n")
        let exported = try v.run(["export", "alfred", "GDPC1"])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout == Self.gdp)
        let again = try v.run(["import", "alfred", "GDPC1.csv", "--format", "csv"])
        #expect(again.stdout == "file,rows,figures,unchanged,stored,duplicates,first_seq,last_seq\nGDPC1.csv,2,3,1,0,2,,\n")
    }

    @Test("a bad row: exit 1, one line naming the file, line and column, store unchanged")
    func badRow() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        try v.write("ok.csv", "series,period,value,released_at\na,2024-01,1,2024-02-01\n")
        #expect(try v.run(["import", "csv", "ok.csv"]).status == 0)
        try v.write("bad.csv", "series,period,value,released_at\na,2024-02,2,2024-03-01\na,2024-03,three,2024-03-01\n")
        let result = try v.run(["import", "csv", "bad.csv"])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "vintage: bad.csv, line 3, column 3 (value): 'three' is not a number (missing values are written '.', 'NA', 'NaN', 'Null', empty, or the --missing token)\n"
        )
        let log = try v.run(["log", "--format", "csv"])
        #expect(log.stdout.split(separator: "\n").count == 3)  // header + the two events of ok.csv
    }

    @Test("import sdmx-csv without a release time is refused; import reads standard input")
    func sdmxAndStdin() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        let sdmx = "DATAFLOW,FREQ,GEO,TIME_PERIOD,OBS_VALUE\nESTAT:X(1.0),Q,DE,2024-Q1,1.5\n"
        let refused = try v.run(["import", "sdmx-csv", "-"], stdin: sdmx)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("--released-at"))
        let stored = try v.run(["import", "sdmx-csv", "-", "--released-at", "2024-05-02T10:00:00Z"], stdin: sdmx)
        #expect(stored.status == 0, "\(stored.stderr)")
        let query = try v.run(["query", "q.de", "--format", "csv"])
        #expect(query.stdout == "series,time,value,released_at,seq\nq.de,2024-01-01T00:00:00Z,1.5,2024-05-02T10:00:00Z,2\n")
    }

    @Test("export ndjson appended to an empty store gives the same query answers")
    func ndjsonRoundTrip() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        try v.write("GDPC1.csv", Self.gdp)
        #expect(try v.run(["import", "alfred", "GDPC1.csv"]).status == 0)
        let exported = try v.run(["export", "ndjson"])
        try v.write("all.ndjson", exported.stdout)
        #expect(try v.run(["--store", "copy", "append", "all.ndjson"]).status == 0)
        #expect(try v.run(["--store", "copy2", "import", "ndjson", "all.ndjson"]).status == 0)
        for args in [["query", "gdpc1"], ["query", "gdpc1", "--as-of", "2024-01-31"], ["revisions", "gdpc1"], ["series"]] {
            let a = try v.run(args + ["--format", "csv"])
            for copy in ["copy", "copy2"] {
                let b = try v.run(["--store", copy] + args + ["--format", "csv"])
                #expect(a.stdout == b.stdout, "\(args)")
            }
        }
    }

    @Test("export csv respects --as-of and --first-release; export alfred needs one series")
    func exportCSV() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        try v.write("GDPC1.csv", Self.gdp)
        #expect(try v.run(["import", "alfred", "GDPC1.csv"]).status == 0)
        let first = try v.run(["export", "csv", "--first-release"])
        #expect(
            first.stdout == """
                series,period,value,released_at,seq,status
                gdpc1,2023-Q3,22490.692,2024-01-25T00:00:00Z,2,
                gdpc1,2023-Q4,22672.859,2024-01-25T00:00:00Z,2,

                """)
        let asOf = try v.run(["export", "csv", "--as-of", "2024-02-28"])
        #expect(asOf.stdout.contains("gdpc1,2023-Q3,22506.361,2024-02-28T00:00:00Z,3,"))
        #expect(try v.run(["export", "alfred"]).status == 2)
    }

    @Test("sdmx-csv ACTION D: refused with exit 1; --allow-delete corrects the release and prints the store's warning")
    func sdmxDelete() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        let header = "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,TIME_PERIOD,OBS_VALUE\n"
        try v.write("first.csv", header + "dataflow,T:X(1.0),I,M,XX,2024-01,5\ndataflow,T:X(1.0),I,M,YY,2024-01,6\n")
        #expect(try v.run(["import", "sdmx-csv", "first.csv", "--released-at", "2024-02-01"]).status == 0)
        try v.write("delete.csv", header + "dataflow,T:X(1.0),D,M,XX,2024-01,\n")
        let refused = try v.run(["import", "sdmx-csv", "delete.csv", "--released-at", "2024-03-01"])
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("vintage: delete.csv, line 2, column 3 (ACTION): ACTION D deletes an observation"))
        let deleted = try v.run(["import", "sdmx-csv", "delete.csv", "--released-at", "2024-03-01", "--allow-delete", "--format", "table"])
        #expect(deleted.status == 0, "\(deleted.stderr)")
        #expect(deleted.stdout.contains("stored 1 event (seq 4)"))
        #expect(deleted.stderr.hasPrefix("warning: delete.csv: "))
        #expect(
            try v.run(["query", "--format", "csv"]).stdout
                == "series,time,value,released_at,seq\nm.yy,2024-01-01T00:00:00Z,6,2024-02-01T00:00:00Z,4\n")
    }
}
