import Foundation
import Testing

/// `vintage log` streams: rows are printed as they are read, in constant memory, and the
/// process stops quietly when its reader goes away (`vintage log | head -1`).
@Suite struct LogStreamingCLITests {
    /// Appends a series without frequency and `count` observations of it, one per year.
    static func fill(_ v: VintageProcess, observations count: Int) throws {
        var text = #"{"type":"series","series":"stream.s"}"# + "\n"
        for n in 0..<count {
            text += #"{"type":"observation","series":"stream.s","period":"\#(1000 + n)","value":\#(n),"released_at":"2026-01-01T00:00:00Z"}"# + "\n"
        }
        try v.write("events.ndjson", text)
        let appended = try v.run(["append", "events.ndjson"])
        #expect(appended.status == 0, "\(appended.stderr)")
    }

    @Test func logStopsQuietlyWhenItsReaderClosesThePipe() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        // About 1 MB of JSON lines: far more than a pipe holds.
        try Self.fill(v, observations: 6_000)
        let p = Process()
        p.executableURL = VintageProcess.executable
        p.arguments = ["log", "--format", "json"]
        p.currentDirectoryURL = v.directory
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        var first = Data()
        while !first.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            first.append(chunk)
        }
        // Like `head -1`: one line, then the reader is gone.
        try out.fileHandleForReading.close()
        p.waitUntilExit()
        let line = String(decoding: first.prefix(while: { $0 != UInt8(ascii: "\n") }), as: UTF8.self)
        #expect(line.hasPrefix(#"{"seq":1,"#))
        #expect(p.terminationReason == .exit, "killed by a signal instead of stopping")
        #expect(p.terminationStatus == 0)
        #expect(String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "")
    }

    @Test func everyEventIsPrintedOnceInEachFormat() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        try Self.fill(v, observations: 2_500)
        let json = try v.run(["log", "--format", "json"])
        let objects = try json.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.compactMap { $0["seq"] as? Int } == Array(1...2_501))
        #expect((objects.last?["event"] as? [String: Any])?["period"] as? String == "3499")
        let csv = try v.run(["log", "--format", "csv"]).stdout.split(separator: "\n")
        #expect(csv.count == 2_502)
        #expect(csv.first == "seq,id,type,recorded_at,event")
        #expect(csv.filter { $0.hasPrefix("seq,") }.count == 1)
        // A table takes its widths from its first 1,000 rows and prints the rest as they come.
        let table = try v.run(["log", "--format", "table"]).stdout.split(separator: "\n")
        #expect(table.count == 2_502)
        #expect(table.first?.hasPrefix("seq   id") == true)
        #expect(table[1].hasPrefix("   1  "))
        #expect(table[2_501].hasPrefix("2501  "))
    }

    @Test func limitAndFromSeqStillApply() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        try Self.fill(v, observations: 10)
        #expect(try v.run(["log", "--format", "csv", "--limit", "3"]).stdout.split(separator: "\n").map { $0.prefix(2) } == ["se", "1,", "2,", "3,"])
        #expect(try v.run(["log", "--format", "csv", "--limit", "0"]).stdout == "seq,id,type,recorded_at,event\n")
        #expect(
            try v.run(["log", "--format", "csv", "--from-seq", "10", "--limit", "5"]).stdout.split(separator: "\n").map { $0.prefix(3) } == [
                "seq", "10,", "11,"
            ])
        #expect(try v.run(["log", "--format", "json", "--from-seq", "99"]).stdout == "")
        #expect(try v.run(["log", "--format", "table", "--from-seq", "99"]).stdout == "seq  id  type  recorded_at  event\n")
    }
}
