// Measures the two ways of reading `observation` events that issue 2 asks to compare:
// Foundation's JSONDecoder against Vintage's purpose-built scanner for the fixed schema.
// Both read the same generated NDJSON on one thread and end with validated values (the
// Foundation path then parses the timestamp, period and series id with Vintage's own
// functions, as the store must). Also times canonical encoding + SHA-256 (PreparedEvent).
//
// Run: swift run -c release --package-path Benchmarks parse-figures [LINES]
import Foundation
import Vintage

let lines = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 200_000 : 200_000

/// The same shape of data as tools/gen-observations.py: a random walk with two decimals.
func generate(_ count: Int) -> [UInt8] {
    var text = ""
    text.reserveCapacity(count * 140)
    var value = 1000.0
    var state: UInt64 = 42
    for i in 0..<count {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        value = ((value + Double(Int(state >> 33) % 1000 - 500) / 100) * 100).rounded() / 100
        let day = Timestamp(microseconds: Int64(i % 9000) * Timestamp.microsecondsPerDay).iso8601.prefix(10)
        text +=
            #"{"type":"observation","series":"bench.s\#(String(format: "%04d", i / 9000))","period":"\#(day)","value":\#(value.shortestText),"released_at":"\#(day)T08:30:00Z","source":"BENCH"}"#
        text += "\n"
    }
    return Array(text.utf8)
}

struct ObservationLine: Decodable {
    var type: String
    var series: String
    var period: String
    var value: Double
    var released_at: String
    var source: String?
}

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }

func best(of runs: Int, _ body: () throws -> Int) rethrows -> (seconds: Double, count: Int) {
    let clock = ContinuousClock()
    var fastest = Double.infinity
    var count = 0
    for _ in 0..<runs {
        var n = 0
        let elapsed = try clock.measure { n = try body() }
        fastest = min(fastest, seconds(elapsed))
        count = n
    }
    return (fastest, count)
}

/// Runs the comparison; locals, not globals, so that no exclusivity checks skew it.
func compare(lines: Int) throws {
    let input = generate(lines)
    let data = Data(input)

    let custom = try best(of: 5) {
        try input.withUnsafeBufferPointer { try NDJSONReader.events(in: $0).count }
    }
    let prepared = try best(of: 5) {
        try input.withUnsafeBufferPointer { try NDJSONReader.events(in: $0).map(PreparedEvent.init).count }
    }
    let foundation = try best(of: 5) {
        let decoder = JSONDecoder()
        var count = 0
        var start = data.startIndex
        while start < data.endIndex {
            let end = data[start...].firstIndex(of: 0x0A) ?? data.endIndex
            let line = try decoder.decode(ObservationLine.self, from: data[start..<end])
            _ = try SeriesID(line.series)
            _ = try Period(line.period)
            _ = try Timestamp(iso8601: line.released_at)
            precondition(line.type == "observation" && line.value.isFinite)
            count += 1
            start = end + 1
        }
        return count
    }
    precondition(custom.count == lines && foundation.count == lines && prepared.count == lines)

    func rate(_ r: (seconds: Double, count: Int)) -> String { "\(Int(Double(r.count) / r.seconds / 1000)) k lines/s" }
    print("Reading \(lines) observation lines (\(input.count / lines) bytes each) on one thread, best of 5:")
    print("  Foundation JSONDecoder + Vintage validation: \(rate(foundation))")
    print(
        "  Vintage scanner (parse + validate):          \(rate(custom))   (\(String(format: "%.1f", foundation.seconds / custom.seconds))× Foundation)"
    )
    print("  Vintage scanner + canonical JSON + SHA-256:  \(rate(prepared))")
}

try compare(lines: lines)
