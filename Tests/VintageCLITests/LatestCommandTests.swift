import Foundation
import Testing
import VintageTestSupport

/// `query --latest` answers from each series' end (its last chunk, the head); these tests
/// check it against the last row of the full query, through the command line, on a random
/// store large enough to have several chunks per series (appended in batches, with
/// backfills, revisions, corrections and retractions — some of the latest points retracted).
@Suite struct LatestCommandTests {
    static func period(_ month: Int) -> String {
        let year = 1990 + month / 12, m = month % 12 + 1
        return String(format: "%04d-%02d", year, m)
    }

    static func releasedAt(_ month: Int, day: Int) -> String {
        let year = 1990 + month / 12, m = month % 12 + 1
        return String(format: "%04d-%02d-%02dT00:00:00Z", year, m, day)
    }

    /// Batches of events (NDJSON) for three monthly series of `months` points each: every
    /// point released the month after its period, some revised a month later, some of those
    /// vintages corrected or retracted later on; the last points of `s.c` all retracted.
    /// The points come in batches of about 100 months; one batch is held back and appended
    /// last, as a backfill over the chunks already written.
    static func batches(months: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(state: seed)
        let series = ["s.a", "s.b", "s.c"]
        var definitions = ""
        for s in series {
            definitions += #"{"type":"series","series":"\#(s)","unit":"x","frequency":"monthly"}"# + "\n"
        }
        var batches: [String] = []
        var fixes = ""
        var month = 0
        while month < months {
            let end = min(months, month + 90 + rng.pick(30))
            var lines = ""
            for m in month..<end {
                for s in series {
                    let id = "o-\(s)-\(m)"
                    let value = Double(rng.pick(100_000)) / 100
                    let released = releasedAt(m + 1, day: 1 + rng.pick(20))
                    let retractTail = s == "s.c" && m >= months - 5
                    lines +=
                        #"{"type":"observation","id":"\#(id)","series":"\#(s)","period":"\#(period(m))","value":\#(value),"released_at":"\#(released)"}"#
                        + "\n"
                    if !retractTail && rng.pick(4) == 0 {
                        lines +=
                            #"{"type":"observation","id":"\#(id)-r","series":"\#(s)","period":"\#(period(m))","value":\#(value + 1),"released_at":"\#(releasedAt(m + 2, day: 21 + rng.pick(7)))"}"#
                            + "\n"
                    }
                    switch retractTail ? 1 : rng.pick(12) {
                    case 0:
                        fixes +=
                            #"{"type":"correction","target":"\#(id)","reason":"typo","replacement":{"type":"observation","series":"\#(s)","period":"\#(period(m))","value":\#(value + 0.5),"released_at":"\#(released)"}}"#
                            + "\n"
                    case 1:
                        fixes += #"{"type":"retraction","target":"\#(id)","reason":"duplicate"}"# + "\n"
                    default:
                        break
                    }
                }
            }
            batches.append(lines)
            month = end
        }
        // The second batch comes last: a backfill below chunks written after it.
        if batches.count > 2 { batches.append(batches.remove(at: 1)) }
        return [definitions] + batches + [fixes]
    }

    /// The rows of a csv query result by series, in output order (header dropped).
    static func rowsBySeries(_ csv: String) -> [(series: String, rows: [String])] {
        var result: [(series: String, rows: [String])] = []
        for line in csv.split(separator: "\n").dropFirst() {
            let series = String(line.prefix { $0 != "," })
            if result.last?.series == series { result[result.count - 1].rows.append(String(line)) } else { result.append((series, [String(line)])) }
        }
        return result
    }

    @Test(arguments: [UInt64(1), 2])
    func latestIsTheLastRowOfTheFullQuery(seed: UInt64) throws {
        let v = try VintageProcess()
        defer { v.remove() }
        var events = 0
        for (k, batch) in Self.batches(months: 330, seed: seed).enumerated() {
            try v.write("batch\(k).ndjson", batch)
            let appended = try v.run(["append", "batch\(k).ndjson"])
            #expect(appended.status == 0, "\(appended.stderr)")
            events += batch.split(separator: "\n").count
        }
        var rng = SplitMix64(state: seed)
        let options: [[String]] = [
            [], ["--first-release"],
            ["--to", Self.period(200)], ["--from", Self.period(100), "--to", Self.period(101 + rng.pick(150))],
            ["--as-of", Self.releasedAt(150 + rng.pick(150), day: 10)], ["--as-of", Self.releasedAt(331, day: 3)],
            ["--at-seq", "\(events / 2)"], ["--at-seq", "\(events - 10)"], ["--at-seq", "\(1 + rng.pick(events))"],
            ["--first-release", "--as-of", Self.releasedAt(120 + rng.pick(200), day: 15)],
            ["--first-release", "--at-seq", "\(events / 3)", "--to", Self.period(250)],
            ["--from", Self.period(325)]
        ]
        for option in options {
            let full = try v.run(["query", "--format", "csv"] + option)
            let latest = try v.run(["query", "--latest", "--format", "csv"] + option)
            #expect(full.status == 0 && latest.status == 0, "\(option): \(full.stderr) \(latest.stderr)")
            let expected = Self.rowsBySeries(full.stdout).map { [$0.rows.last!] }
            let got = Self.rowsBySeries(latest.stdout).map(\.rows)
            #expect(got == expected, "\(option)")
        }
        // The tail of s.c is retracted: its latest point is an earlier one.
        let c = try v.run(["query", "s.c", "--latest", "--format", "csv"])
        let time = Self.rowsBySeries(c.stdout).first?.rows.first?.split(separator: ",")[1] ?? ""
        #expect(!time.isEmpty && time < Self.period(325))
    }
}
