import Benchmark
import BenchmarkSupport
import Foundation
import VintageColumnar

// Chunk encode/decode per encoding, on 4,096-row columns of the shapes Vintage stores (valid
// times, release times, seqs, decimal values, status codes), plus whole 5-column chunks.
// Each benchmark's throughput is in columns (or chunks) per second; values per second are that
// times 4,096. Nothing is gated on wall-clock time.
// Run: swift package --package-path Benchmarks benchmark --target Columnar

let rows = 4096
let microsPerDay: Int64 = 86_400_000_000

/// The columns an encoding is measured on: for each encoding, data it is meant for.
enum Columns {
    /// A fresh seeded generator per column, so each column is the same on every run.
    static func rng(_ seed: UInt64) -> SplitMix64 { SplitMix64(state: seed) }

    /// 10-second valid times with up to 2 s of jitter (delta, plain).
    static let jitteredTimes: [Int64] = {
        var r = rng(1); return (0..<rows).map { i in 1_767_225_600_000_000 + Int64(i) * 10_000_000 + Int64(r.next() % 2_000_000) }
    }()
    /// Exactly regular 10-second valid times (delta-of-delta).
    static let regularTimes: [Int64] = (0..<rows).map { i in 1_767_225_600_000_000 + Int64(i) * 10_000_000 }
    /// Calendar months (delta-of-delta over irregular month lengths).
    static let months: [Int64] = (0..<rows).map { i in
        Int64(TradeLikeRows.daysFromCivil(year: 1700 + i / 12, month: i % 12 + 1, day: 1)) * microsPerDay
    }
    /// 17-bit values above a base (frame of reference).
    static let packed17: [Int64] = {
        var r = rng(2); return (0..<rows).map { _ in 5_000_000 + Int64(r.next() >> 47) }
    }()
    /// Small offsets with one wide outlier in 200 (patched frame of reference).
    static let outliers: [Int64] = {
        var r = rng(3); return (0..<rows).map { i in i % 200 == 0 ? Int64(r.next() >> 20) : Int64(r.next() % 64) }
    }()
    /// Seqs shared by runs of 360 rows, as one release's figures (run-length).
    static let runs: [Int64] = (0..<rows).map { i in 1_000 + Int64(i / 360) }
    /// One value everywhere (constant).
    static let constant: [Int64] = Array(repeating: Int64.max, count: rows)
    /// A few meaningful values, then the last one repeated (trailing run).
    static let trailing: [Int64] = (0..<rows).map { i in i < 40 ? Int64(i) * 7_919 : 39 * 7_919 }
    /// A 10-second random walk around 100 with 5 decimal places (decimal, xor, plain).
    static let walk: [Double] = {
        var r = rng(4)
        var x = 100.0
        return (0..<rows).map { _ in
            x += Double(Int64(r.next() % 2_001) - 1_000) / 100_000
            return Double(String(format5(x)))!
        }
    }()
    /// Monthly trade figures with 4 significant digits (decimal).
    static let trade: [Double] = (0..<rows).map { i in
        let swing: Double = 0.3 * sin(Double(i) / 7)
        return TradeLikeRows.fourDigits(6.0e9 * (1 + swing))
    }
    /// Status codes: mostly 0, a 1 now and then (UInt8 run-length, frame of reference).
    static let status: [UInt8] = (0..<rows).map { $0 % 500 == 0 ? 1 : 0 }
    /// A UInt8 column with 3-bit values (frame of reference).
    static let small: [UInt8] = {
        var r = rng(5); return (0..<rows).map { _ in UInt8(r.next() % 8) }
    }()
}

/// `x` printed with 5 decimal places.
func format5(_ x: Double) -> String {
    let scaled = Int64((x * 100_000).rounded())
    let whole = scaled / 100_000, fraction = abs(scaled % 100_000)
    let digits = String(fraction)
    return "\(whole).\(String(repeating: "0", count: 5 - digits.count))\(digits)"
}

var configuration: Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(2),
        maxIterations: 10_000
    )
}

func int64Benchmarks(_ name: String, _ values: [Int64], _ encoding: Encoding) {
    var payload: [UInt8] = []
    try! values.withUnsafeBufferPointer { try Int64Codec.encode($0, as: encoding, into: &payload) }
    Benchmark("encode Int64 \(encoding), \(name)", configuration: configuration) { benchmark in
        var out: [UInt8] = []
        out.reserveCapacity(payload.count + 64)
        values.withUnsafeBufferPointer { values in
            for _ in benchmark.scaledIterations {
                out.removeAll(keepingCapacity: true)
                try! Int64Codec.encode(values, as: encoding, into: &out)
                blackHole(out.count)
            }
        }
    }
    Benchmark("decode Int64 \(encoding), \(name)", configuration: configuration) { benchmark in
        var out = [Int64](repeating: 0, count: rows)
        payload.withUnsafeBytes { raw in
            out.withUnsafeMutableBufferPointer { out in
                for _ in benchmark.scaledIterations {
                    try! Int64Codec.decode(raw, as: encoding, into: out)
                    blackHole(out[rows - 1])
                }
            }
        }
    }
}

func doubleBenchmarks(_ name: String, _ values: [Double], _ encoding: Encoding) {
    var payload: [UInt8] = []
    try! values.withUnsafeBufferPointer { try DoubleCodec.encode($0, as: encoding, into: &payload) }
    Benchmark("encode Double \(encoding), \(name)", configuration: configuration) { benchmark in
        var out: [UInt8] = []
        out.reserveCapacity(payload.count + 64)
        values.withUnsafeBufferPointer { values in
            for _ in benchmark.scaledIterations {
                out.removeAll(keepingCapacity: true)
                try! DoubleCodec.encode(values, as: encoding, into: &out)
                blackHole(out.count)
            }
        }
    }
    Benchmark("decode Double \(encoding), \(name)", configuration: configuration) { benchmark in
        var out = [Double](repeating: 0, count: rows)
        payload.withUnsafeBytes { raw in
            out.withUnsafeMutableBufferPointer { out in
                for _ in benchmark.scaledIterations {
                    try! DoubleCodec.decode(raw, as: encoding, into: out)
                    blackHole(out[rows - 1])
                }
            }
        }
    }
}

func uint8Benchmarks(_ name: String, _ values: [UInt8], _ encoding: Encoding) {
    var payload: [UInt8] = []
    try! values.withUnsafeBufferPointer { try UInt8Codec.encode($0, as: encoding, into: &payload) }
    Benchmark("encode UInt8 \(encoding), \(name)", configuration: configuration) { benchmark in
        var out: [UInt8] = []
        out.reserveCapacity(payload.count + 64)
        values.withUnsafeBufferPointer { values in
            for _ in benchmark.scaledIterations {
                out.removeAll(keepingCapacity: true)
                try! UInt8Codec.encode(values, as: encoding, into: &out)
                blackHole(out.count)
            }
        }
    }
    Benchmark("decode UInt8 \(encoding), \(name)", configuration: configuration) { benchmark in
        var out = [UInt8](repeating: 0, count: rows)
        payload.withUnsafeBytes { raw in
            out.withUnsafeMutableBufferPointer { out in
                for _ in benchmark.scaledIterations {
                    try! UInt8Codec.decode(raw, as: encoding, into: out)
                    blackHole(out[rows - 1])
                }
            }
        }
    }
}

let benchmarks: @Sendable () -> Void = {
    int64Benchmarks("10 s times", Columns.jitteredTimes, .plain)
    int64Benchmarks("constant", Columns.constant, .constant)
    int64Benchmarks("17-bit values", Columns.packed17, .frameOfReference)
    int64Benchmarks("10 s times with jitter", Columns.jitteredTimes, .delta)
    int64Benchmarks("regular 10 s times", Columns.regularTimes, .deltaOfDelta)
    int64Benchmarks("calendar months", Columns.months, .deltaOfDelta)
    int64Benchmarks("seqs in runs of 360", Columns.runs, .runLength)
    int64Benchmarks("small values, 1 outlier in 200", Columns.outliers, .patched)
    int64Benchmarks("40 values then a run", Columns.trailing, .trailingRun)

    doubleBenchmarks("10 s walk", Columns.walk, .plain)
    doubleBenchmarks("10 s walk, 5 dp", Columns.walk, .decimal)
    doubleBenchmarks("monthly trade, 4 digits", Columns.trade, .decimal)
    doubleBenchmarks("10 s walk, 5 dp", Columns.walk, .xor)

    uint8Benchmarks("status codes", Columns.status, .plain)
    uint8Benchmarks("status codes", Columns.status, .runLength)
    uint8Benchmarks("3-bit values", Columns.small, .frameOfReference)

    // Whole chunks: the 5 columns of a projection chunk (valid time, release time, seq, value, status).
    let chunkColumns: [Column] = [
        .int64(Columns.regularTimes),
        .int64(Columns.regularTimes.map { $0 + 3_600_000_000 }),
        .int64(Columns.runs),
        .double(Columns.walk),
        .uint8(Columns.status)
    ]
    let chunk = try! ChunkEncoder().encode(chunkColumns, validTimeColumn: 0, valueColumn: 3)
    Benchmark("encode chunk, 5 columns (smallest encodings, LZ4 when smaller)", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try! ChunkEncoder().encode(chunkColumns, validTimeColumn: 0, valueColumn: 3).count)
        }
    }
    Benchmark("decode chunk, 5 columns (open with whole-chunk CRC, decode all)", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            let reader = try! ChunkReader(chunk)
            blackHole(try! reader.allColumns().count)
        }
    }
    Benchmark("open chunk (header CRC) and read its zone map", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try! ChunkReader(chunk, verification: .headerThenColumns).zoneMap.rowCount)
        }
    }
}
