import Foundation
import Testing
import Vintage

@testable import VintageCLI

/// `vintage query [SERIES…] [--format F]` is recognised without argument-parser
/// (``QueryShortcut``): every argument vector it takes must mean to argument-parser exactly
/// what the shortcut runs, and everything else must be left to argument-parser.
@Suite struct QueryShortcutTests {
    /// What argument-parser makes of `arguments`, when it is a query with every option but
    /// the series and `--format` at its default: the shortcut that means the same.
    static func parsedByArgumentParser(_ arguments: [String]) throws -> QueryShortcut? {
        let command = try VintageCommand.parseAsRoot(arguments)
        guard let query = command as? QueryCommand else { return nil }
        guard query.conditions.isEmpty, query.view.pointQuery == PointQuery(), !query.analytics.firstRelease, !query.latest,
            query.analytics.aggregate == nil, query.analytics.bucket == nil, query.fill == nil, query.groupBy == nil,
            query.analytics.transform == nil, !query.timing.isOn, query.repetitions == 1, query.root.wait == nil,
            try query.analyticQuery() == AnalyticQuery()
        else { return nil }
        var shortcut = try #require(QueryShortcut(arguments: ["query"]))
        shortcut.series = query.series
        shortcut.format = query.output.format
        shortcut.store = query.root.store
        return shortcut
    }

    @Test func theCommonShapesAreTakenWithArgumentParsersMeaning() throws {
        let taken: [[String]] = [
            ["query"], ["query", "kr.exports.total"], ["query", "a", "b.c", "a"],
            ["query", "kr.exports.total", "--format", "csv"], ["query", "--format", "json", "x"],
            ["query", "--format", "table"], ["query", "a", "--format", "json", "b"],
            ["--store", "s", "query", "a"], ["query", "a", "--store", "s"], ["query", "--store", "s", "--format", "csv"]
        ]
        for arguments in taken {
            let shortcut = try #require(QueryShortcut(arguments: arguments), "\(arguments)")
            #expect(try Self.parsedByArgumentParser(arguments) == shortcut, "\(arguments)")
        }
    }

    @Test func everythingElseIsLeftToArgumentParser() {
        let left: [[String]] = [
            [], ["series"], ["help", "query"], ["--store", "s"], ["--store", "query"], ["--store=s", "query", "a"],
            ["--store", "s", "query", "--store", "t"], ["query", "a", "--store"], ["query", "--store", "-s"], ["query", "--help"], ["query", "-h"],
            ["query", "help"], ["query", "a", "--format=csv"], ["query", "a", "--format", "xml"],
            ["query", "a", "--format", "csv", "--format", "json"], ["query", "a", "--format"],
            ["query", "--where", "country=KR"], ["query", "a", "--latest"], ["query", "bad id"], ["query", ""],
            ["query", "a", "--"], ["query", "-"], ["query", "-1"],
            ["query", "a", "--generate-completion-script", "bash"], ["Query", "a"]
        ]
        for arguments in left {
            #expect(QueryShortcut(arguments: arguments) == nil, "\(arguments)")
        }
    }

    /// Random argument vectors from tokens that matter to either parser: whenever the
    /// shortcut takes one, argument-parser parses it to the same query.
    @Test func randomArgumentVectorsMeanTheSameToBoth() throws {
        let tokens = [
            "query", "kr.exports.total", "a.b", "us.tariff.kr", "--format", "csv", "json", "table", "xml",
            "help", "-h", "--help", "--latest", "--where", "country=KR", "", "a b", "--format=csv", "--",
            "-", "--store", "s", "-1", "x_y-z", "--version"
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var taken = 0
        for _ in 0..<3000 {
            var arguments = next(4) == 0 ? ["--store", tokens[next(tokens.count)], "query"] : ["query"]
            for _ in 0..<next(6) { arguments.append(tokens[next(tokens.count)]) }
            guard let shortcut = QueryShortcut(arguments: arguments) else { continue }
            taken += 1
            #expect(try Self.parsedByArgumentParser(arguments) == shortcut, "\(arguments)")
        }
        #expect(taken > 100)
    }

    /// The same query through the shortcut and through argument-parser (`--store=DIR` is
    /// left to it) prints the same rows, errors and exit statuses.
    @Test func bothRoutesPrintTheSame() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        try v.write("events.ndjson", Sample.definitions + Sample.january)
        #expect(try v.run(["append", "events.ndjson"]).status == 0)
        let environment = ["VINTAGE_STORE": v.store.path]
        for series in [["kr.exports.total"], [], ["kr.exports.total", "kr.exports.autos"], ["no.such.series"]] {
            for format in [[], ["--format", "json"], ["--format", "table"]] {
                let short = try v.run(["query"] + series + format, environment: environment)
                let long = try v.run(["--store=\(v.store.path)", "query"] + series + format)
                let shortWithOption = try v.run(["--store", v.store.path, "query"] + series + format)
                #expect(shortWithOption.stdout == long.stdout && shortWithOption.status == long.status, "\(series) \(format)")
                #expect(short.status == long.status, "\(series) \(format)")
                #expect(short.stdout == long.stdout, "\(series) \(format)")
                #expect(short.stderr == long.stderr, "\(series) \(format)")
            }
        }
        #expect(try v.run(["query", "kr.exports.total"], environment: environment).stdout.contains("65800000000"))
        // No store: the same failure either way.
        let missing = v.directory.appendingPathComponent("none").path
        let short = try v.run(["query", "kr.exports.total"], environment: ["VINTAGE_STORE": missing])
        let long = try v.run(["--store=\(missing)", "query", "kr.exports.total"])
        #expect(short.status == long.status)
        #expect(short.stderr == long.stderr)
        #expect(short.status != 0)
    }
}
