import Testing
import Vintage

@testable import VintageInterchange

@Suite("Import errors")
struct ImportErrorTests {
    /// Imports `text` as `name` into a store that already holds one event; expects an error
    /// naming the file, `line` and `column`, and the store unchanged.
    func expectRejected(
        _ format: ImportFormat, _ text: String, line: Int?, column: String?, mentioning: String,
        _ configure: (inout ImportOptions) -> Void = { _ in }
    ) throws {
        let w = try Workspace()
        defer { w.remove() }
        _ = try w.store.append(ndjson: Array(#"{"type":"series","series":"seed"}"#.utf8))
        let path = try w.write("bad.csv", text)
        do {
            try w.importFile(format, path, configure)
            Issue.record("expected \(mentioning)")
        } catch let e as InterchangeError {
            #expect(e.file == path)
            #expect(e.line == line, "\(e)")
            #expect(e.column == column, "\(e)")
            #expect(e.description.contains(mentioning), "\(e)")
            #expect(e.description.hasPrefix(path + ", line"), "\(e)")
            #expect(!e.description.contains("\n"))
        }
        #expect(try w.store.lastSeq() == 1)
    }

    @Test("a bad number names the file, line and column; nothing is stored")
    func badNumber() throws {
        var rows = "series,period,value,released_at\n"
        for i in 1...70_000 { rows += "s\(i / 900),\(1000 + i % 900),\(i),2024-01-01\n" }
        rows += "a,2024,12x,2024-01-01\n"
        try expectRejected(.csv, rows, line: 70_002, column: "3 (value)", mentioning: "'12x' is not a number")
    }

    @Test("a decimal comma without --decimal-comma is named as the likely cause")
    func decimalCommaHint() throws {
        try expectRejected(
            .csv, "series;period;value;released_at\na;2024-01;1,5;2024-02-01\n", line: 2, column: "3 (value)", mentioning: "--decimal-comma")
    }

    @Test("a bad period, a bad release time, a bad series id")
    func badCells() throws {
        try expectRejected(
            .csv, "series,period,value,released_at\na,2024-13,1,2024-02-01\n", line: 2, column: "2 (period)", mentioning: "not a period")
        try expectRejected(
            .csv, "series,period,value,released_at\na,2024-01,1,yesterday\n", line: 2, column: "4 (released_at)", mentioning: "not a release time")
        try expectRejected(
            .csv, "series,period,value,released_at\nbad id!,2024-01,1,2024-02-01\n", line: 2, column: "1 (series)",
            mentioning: "cannot be a series id")
    }

    @Test("a missing column is named with the option that picks it")
    func missingColumn() throws {
        try expectRejected(.csv, "name,period,value,released_at\na,2024-01,1,2024-02-01\n", line: 1, column: nil, mentioning: "--series-column")
    }

    @Test("a date inside a period of the series' frequency is refused, naming the row and the series")
    func frequencyMismatch() throws {
        try expectRejected(
            .csv, "series,period,value,released_at\nq,2024-01,1,2024-04-01\nq,2024-02,1,2024-04-01\n", line: 3, column: "2 (period)",
            mentioning: "series q: 2024-02 is not the start of a quarter"
        ) { $0.frequency = .quarterly }
    }

    @Test("a rule the store enforces (a vintage restated with another value) names the file and line")
    func storeRule() throws {
        let w = try Workspace()
        defer { w.remove() }
        let path = try w.write("conflict.csv", "series,period,value,released_at\na,2024-01,1,2024-02-01\na,2024-01,2,2024-02-01\n")
        #expect { try w.importFile(.csv, path) } throws: { error in
            let text = "\(error)"
            return text.hasPrefix(path) && text.contains("line 2")
        }
        #expect(try w.store.lastSeq() == 0)
    }
}
