import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// End-to-end tests of `vintage chart` through the built binary: the terminal chart, SVG
/// and PNG files, and one-line errors with the right exit statuses.
@Suite struct ChartCommandTests {
    static let events =
        Sample.definitions + Sample.january + """
            {"type":"observation","series":"kr.exports.total","period":"2025-01","value":49.14e9,"released_at":"2025-02-01T00:00:00Z"}
            {"type":"observation","series":"kr.exports.total","period":"2026-01","value":65.9e9,"released_at":"2026-02-15T00:00:00Z"}
            {"type":"series","series":"us.tariff.kr","unit":"percent","frequency":"irregular"}
            {"type":"announcement","released_at":"2026-01-26T22:00:00Z","kind":"tariff","title":"US raises tariffs to 25%","series":"us.tariff.kr","effective":"2026-02-01","value":25}

            """

    func makeStore() throws -> VintageProcess {
        try VintageProcess.holding(Self.events)
    }

    @Test func theTerminalChartFitsColumnsAndLinesAndHasNoEscapesWhenNotOnATerminal() throws {
        let v = try makeStore()
        defer { v.remove() }
        for (columns, lines) in [(80, 24), (120, 40), (60, 16)] {
            let result = try v.run(
                ["chart", "kr.exports.total", "kr.exports.autos", "--announcements", "--vintages", "first+latest"],
                environment: ["COLUMNS": "\(columns)", "LINES": "\(lines)"])
            #expect(result.status == 0, "\(result.stderr)")
            let rows = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(rows.count <= lines - 1 && rows.count >= lines / 2)
            for row in rows { #expect(row.count <= columns, "\(row)") }
            #expect(!result.stdout.contains("\u{1B}"))
            #expect(result.stdout.contains("kr.exports.total first release"))
            #expect(result.stdout.contains("1 Feb 2026  25%  US raises tariffs to 25%"))
        }
        // --width and --height win over the environment.
        let sized = try v.run(["chart", "kr.exports.total", "--width", "50", "--height", "12"], environment: ["COLUMNS": "200"])
        #expect(sized.stdout.split(separator: "\n").allSatisfy { $0.count <= 50 })
        #expect(sized.stdout.split(separator: "\n").count <= 11)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "SKIPPED: no script(1) to give the chart a pseudo-terminal"))
    func coloursOnlyOnATerminalAndNeverWithNoColor() throws {
        let v = try makeStore()
        defer { v.remove() }
        func onTerminal(_ environment: [String: String?], command: String = "chart kr.exports.total --width 60 --height 12") throws -> String {
            let colours: [String: String?] = ["NO_COLOR": nil, "TERM": "xterm"]
            return try v.runOnATerminal(
                "stty cols 100 rows 20; \(VintageProcess.executable.path) \(command)",
                environment: colours.merging(environment) { $1 }
            ).output
        }
        let colored = try onTerminal([:])
        #expect(colored.contains("\u{1B}[34m"), "\(colored)")
        let plain = try onTerminal(["NO_COLOR": "1"])
        #expect(plain.contains("South Korea exports") || plain.contains("kr.exports.total"))
        #expect(!plain.contains("\u{1B}"))
        // Without --width, --height, COLUMNS and LINES: the terminal's window size (100 × 20).
        let sized = try onTerminal(["NO_COLOR": "1", "COLUMNS": "", "LINES": ""], command: "chart kr.exports.total")
        let rows = sized.replacingOccurrences(of: "\r", with: "").split(separator: "\n")
        #expect(rows.count == 19)
        #expect(rows.map(\.count).max() ?? 0 <= 100 && rows.map(\.count).max() ?? 0 >= 90, "\(rows.map(\.count))")
    }

    @Test func svgFileHasOnePathPerVintageLine() throws {
        let v = try makeStore()
        defer { v.remove() }
        let result = try v.run(["chart", "kr.exports.total", "--vintages", "all", "--announcements", "--svg", "total.svg", "--title", "Total <USD>"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "wrote total.svg (800×450 SVG)\n")
        let svg = try String(contentsOf: v.directory.appendingPathComponent("total.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<?xml"))
        _ = try XMLDocument(xmlString: svg, options: [])
        // Releases on 1 Feb 2025, 1 Feb 2026, 15 Feb 2026: two earlier ones, the first releases, the latest.
        #expect(svg.components(separatedBy: "<path ").count - 1 == 4)
        #expect(svg.contains("Total &lt;USD&gt;"))
        let sized = try v.run(["chart", "kr.exports.total", "--svg", "small.svg", "--width", "400", "--height", "300"])
        #expect(sized.status == 0)
        #expect(try String(contentsOf: v.directory.appendingPathComponent("small.svg"), encoding: .utf8).contains("width=\"400\" height=\"300\""))
    }

    @Test(
        .enabled(
            if: ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":").contains {
                FileManager.default.isExecutableFile(atPath: "\($0)/rsvg-convert")
            } == true,
            "SKIPPED: rsvg-convert is not installed (apt-get install librsvg2-bin)"))
    func pngFileIsWrittenByRsvgConvert() throws {
        let v = try makeStore()
        defer { v.remove() }
        let result = try v.run(["chart", "kr.exports.total", "--png", "total.png"])
        #expect(result.status == 0, "\(result.stderr)")
        let png = try Data(contentsOf: v.directory.appendingPathComponent("total.png"))
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    }

    @Test func badInputGivesOneLineErrorsAndTheRightStatus() throws {
        let v = try makeStore()
        defer { v.remove() }
        let cases: [(arguments: [String], environment: [String: String], status: Int32, message: String)] = [
            (["chart", "kr.exports.totl"], [:], 1, "vintage: unknown series 'kr.exports.totl' (did you mean 'kr.exports.total'?)"),
            (
                ["chart", "kr.exports.total", "--from", "2030"], [:], 1,
                "vintage: no points of kr.exports.total from 2030-01-01T00:00:00Z on (nothing to chart)"
            ),
            (
                ["chart", "kr.exports.total", "--svg", "no/such/dir/x.svg"], [:], 1,
                "vintage: cannot write --svg no/such/dir/x.svg: No such file or directory"
            ),
            (
                ["chart", "kr.exports.total", "--png", "x.png"], ["PATH": "/nonexistent"], 1,
                "vintage: --png needs rsvg-convert, which is not on PATH (Debian: apt-get install librsvg2-bin); --svg FILE writes the SVG itself"
            ),
            (["chart", "kr.exports.total", "--vintages", "all", "--transform", "yoy"], [:], 2, "--vintages all does not combine with --transform"),
            (["chart", "kr.exports.total", "--svg", "a.svg", "--png", "a.png"], [:], 2, "--svg and --png: give one of them"),
            (["chart", "kr.exports.total", "--agg", "sum"], [:], 2, "--agg needs --bucket in a chart"),
            (["chart", "kr.exports.total", "--vintages", "some"], [:], 2, "--vintages"),
            (["chart"], [:], 2, "name at least one series")
        ]
        for c in cases {
            let result = try v.run(c.arguments, environment: c.environment)
            #expect(result.status == c.status, "\(c.arguments): \(result.stderr)")
            #expect(result.stderr.contains(c.message), "\(c.arguments): \(result.stderr)")
            if c.status == 1 { #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)") }
            #expect(result.stdout.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: v.directory.appendingPathComponent("a.svg").path))
    }
}
