import Foundation
import Testing

@Suite struct AppendCommandTests {
    @Test func appendCreatesTheStoreAndReportsCountsAndSeqRange() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        try v.write("events.ndjson", Sample.definitions + Sample.january)
        let result = try v.run(["append", "events.ndjson", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "stored,duplicates,first_seq,last_seq\n4,0,1,4\n")
        let again = try v.run(["append", "events.ndjson", "--format", "json"])
        #expect(again.stdout == #"{"stored":0,"duplicates":4}"# + "\n")
    }

    @Test func appendReadsStandardInput() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        let result = try v.run(["append", "-", "--format", "csv"], stdin: Sample.definitions)
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("2,0,1,2\n"))
    }

    @Test func theStoreComesFromTheOptionThenTheEnvironmentThenTheDefault() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        try v.write("defs.ndjson", Sample.definitions)
        #expect(try v.run(["--store", "a", "append", "defs.ndjson"]).status == 0)
        #expect(try v.run(["append", "defs.ndjson", "--store", "b"]).status == 0)
        #expect(try v.run(["append", "defs.ndjson"], environment: ["VINTAGE_STORE": "c"]).status == 0)
        #expect(try v.run(["append", "defs.ndjson"]).status == 0)
        for name in ["a", "b", "c", "vintage-store"] {
            #expect(
                FileManager.default.fileExists(atPath: v.directory.appendingPathComponent(name).appendingPathComponent("log.sqlite").path), "\(name)")
        }
    }

    @Test func aBadLineIsReportedInOneLineWithStatusOneAndChangesNothing() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        try v.write("defs.ndjson", Sample.definitions)
        try v.run(["append", "defs.ndjson"])
        let before = try v.run(["log", "--format", "csv"]).stdout
        let cases: [(String, String)] = [
            (
                #"{"type":"observation","series":"kr.exports.total","period":"2026-01","value":1,"released_at":"2026-02-01T00:00:00Z"}"#
                    + "\n{oops\n", "line 2"
            ),
            (#"{"type":"bogus"}"#, "unknown event type 'bogus'"),
            (
                #"{"type":"observation","series":"kr.exports.total","period":"2026-01","released_at":"2026-02-01T00:00:00Z"}"#,
                "field 'value': missing"
            ),
            (
                #"{"type":"observation","series":"kr.exports.total","period":"2026-01","value":"65.8","released_at":"2026-02-01T00:00:00Z"}"#,
                "field 'value': expected a finite number, found a string"
            ),
            (#"{"type":"observation","series":"kr.exports.total","period":"2026-01","value":NaN,"released_at":"2026-02-01T00:00:00Z"}"#, "found NaN"),
            (
                #"{"type":"observation","series":"kr.exports.total","period":"2026-13","value":1,"released_at":"2026-02-01T00:00:00Z"}"#,
                "field 'period'"
            ),
            (#"{"type":"observation","series":"kr.exports.total","period":"2026-01","value":1,"released_at":"2026-02-30"}"#, "field 'released_at'"),
            (
                #"{"type":"observation","series":"kr.export.total","period":"2026-01","value":1,"released_at":"2026-02-01T00:00:00Z"}"#,
                "did you mean 'kr.exports.total'"
            ),
            (#"{"type":"retraction","target":"nothing-here"}"#, "no event with id 'nothing-here'"),
            (
                #"{"type":"observation","series":"kr.exports.total","period":"2026-01","value":1,"released_at":"2026-02-01T00:00:00Z","colour":"red"}"#,
                "field 'colour': unknown field"
            )
        ]
        for (input, message) in cases {
            try v.write("bad.ndjson", input)
            let result = try v.run(["append", "bad.ndjson"])
            #expect(result.status == 1, "\(input)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        #expect(try v.run(["log", "--format", "csv"]).stdout == before)
    }

    @Test func aConflictingRestatementIsRejectedWithStatusOne() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        try v.write("events.ndjson", Sample.definitions + Sample.january)
        try v.run(["append", "events.ndjson"])
        let result = try v.run(
            ["append", "-"],
            stdin: #"{"type":"observation","series":"kr.exports.total","period":"2026-M01","value":66e9,"released_at":"2026-02-01T00:00:00Z"}"#)
        #expect(result.status == 1)
        #expect(result.stderr.contains("line 1: field 'value'"))
        #expect(result.stderr.contains("needs a correction"))
    }

    @Test func aMissingFileIsAUserError() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        let result = try v.run(["append", "nope.ndjson"])
        #expect(result.status == 1)
        #expect(result.stderr == "vintage: cannot read nope.ndjson: No such file or directory\n")
    }

    @Test func aJSONArrayIsAccepted() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        try v.write("events.json", "[\n" + Sample.definitions.split(separator: "\n").joined(separator: ",\n") + "\n]\n")
        let result = try v.run(["append", "events.json", "--format", "csv"])
        #expect(result.stdout.hasSuffix("2,0,1,2\n"), "\(result.stderr)")
    }
}

@Suite struct LargeAppendTests {
    /// An input spanning several parse blocks (the first is 256 KiB), with one bad line.
    static func input(lines: Int, badLine: Int, bad: String) -> String {
        var text = #"{"type":"series","series":"big.s"}"# + "\n"
        for n in 2...lines {
            if n == badLine { text += bad + "\n"; continue }
            let day = Calendar(identifier: .gregorian).date(byAdding: .day, value: n, to: Date(timeIntervalSince1970: 0))!
            let iso = ISO8601DateFormatter().string(from: day).prefix(10)
            text +=
                #"{"type":"observation","series":"big.s","period":"\#(iso)","value":\#(n),"released_at":"2026-01-01T00:00:00Z","source":"a source long enough to make this input span several blocks"}"#
                + "\n"
        }
        return text
    }

    @Test func errorsNameTheRightLineFarIntoALargeInput() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        for (badLine, bad, message) in [
            (7_321, "{not json", "line 7321: malformed JSON"),
            (
                9_876, #"{"type":"observation","series":"big.t","period":"2026-01","value":1,"released_at":"2026-01-01T00:00:00Z"}"#,
                "line 9876: field 'series'"
            )
        ] {
            try v.write("big.ndjson", Self.input(lines: 10_000, badLine: badLine, bad: bad))
            let result = try v.run(["append", "big.ndjson"])
            #expect(result.status == 1)
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
        #expect(try v.run(["log", "--format", "csv"]).stdout == "seq,id,type,recorded_at,event\n")
    }

    /// Blocks are parsed concurrently, so a later block's error may be found first: the
    /// first bad line of the input is still the one named.
    @Test func theFirstOfBadLinesInSeveralBlocksIsNamed() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        var lines = Self.input(lines: 10_000, badLine: 0, bad: "").split(separator: "\n", omittingEmptySubsequences: false)
        lines[9_499] = "{late"
        lines[4_099] = #"{"type":"observation","series":"big.s","period":"2026-01","value":"x","released_at":"2026-01-01T00:00:00Z"}"#
        try v.write("big.ndjson", lines.joined(separator: "\n"))
        let result = try v.run(["append", "big.ndjson"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("line 4100: field 'value'"), "\(result.stderr)")
        #expect(try v.run(["log", "--format", "csv"]).stdout == "seq,id,type,recorded_at,event\n")
    }

    @Test func aLargeInputIsStoredInOrderWithGaplessSeqs() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        try v.write("big.ndjson", Self.input(lines: 6_000, badLine: 0, bad: ""))
        let result = try v.run(["append", "big.ndjson", "--format", "csv"])
        #expect(result.stdout == "stored,duplicates,first_seq,last_seq\n6000,0,1,6000\n", "\(result.stderr)")
        let log = try v.run(["log", "--format", "csv", "--from-seq", "5999"]).stdout.split(separator: "\n")
        #expect(log.count == 3)
        #expect(log[2].contains(#"""value"":6000"#))
        #expect(try v.run(["verify"]).status == 0)
    }
}
