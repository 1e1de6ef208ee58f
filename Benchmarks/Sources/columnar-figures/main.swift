import BenchmarkSupport
import VintageColumnar

// Figures for the chunk format (issue 3): bytes per point on the datasets the issue names,
// next to LZ4 alone over the raw columns and 16 bytes/point raw; decode and encode speeds.
// Run in release: swift run -c release --package-path Benchmarks columnar-figures

func raw<T>(_ values: [T]) -> [UInt8] { values.withUnsafeBytes { Array($0) } }
func lz4Size<T>(_ values: [T]) -> Int { values.withUnsafeBytes { LZ4Block.compress($0).count } }

// MARK: - Sizes

struct SizeRow {
    var name: String
    var points = 0
    var chunkBytes = 0
    var timeBytes = 0
    var valueBytes = 0
    var lz4Bytes = 0
    var encodings: Set<String> = []
}

func sizeRow(_ name: String, _ series: [Series]) throws -> SizeRow {
    var row = SizeRow(name: name)
    for s in series {
        let chunk = try ChunkEncoder().encode([.int64(s.time), .double(s.value)], validTimeColumn: 0, valueColumn: 1)
        let reader = try ChunkReader(chunk)
        let timeBack = try reader.int64s(column: 0), valueBack = try reader.doubles(column: 1)
        precondition(timeBack == s.time && valueBack.map(\.bitPattern) == s.value.map(\.bitPattern), "round trip failed")
        row.points += s.time.count
        row.chunkBytes += chunk.count
        row.timeBytes += reader.columns[0].byteCount
        row.valueBytes += reader.columns[1].byteCount
        row.lz4Bytes += lz4Size(s.time) + lz4Size(s.value)
        for (i, c) in reader.columns.enumerated() {
            row.encodings.insert("\(i == 0 ? "time" : "value"): \(c.encoding)\(c.isCompressed ? "+lz4" : "")")
        }
    }
    return row
}

let tradeBases = [6.0e9, 20.5e9, 65.8e9, 1.23e9, 412e6, 9.87e9, 33.3e9, 150e9]
let monthly3 = tradeBases.enumerated().map { Datasets.monthlyTrade(seed: UInt64($0.offset + 1), base: $0.element, digits: 3) }
let monthly4 = tradeBases.enumerated().map { Datasets.monthlyTrade(seed: UInt64($0.offset + 101), base: $0.element, digits: 4) }
let monthly2 = tradeBases.enumerated().map { Datasets.monthlyTrade(seed: UInt64($0.offset + 201), base: $0.element, digits: 2) }
let walkPrice = (0..<8).map { Datasets.tenSecondWalk(seed: UInt64($0 + 301), start: 100, step: 0.01) }
let walkFX = (0..<8).map { Datasets.tenSecondWalk(seed: UInt64($0 + 401), start: 1.1, step: 0.0001) }
let walkWide = (0..<8).map { Datasets.tenSecondWalk(seed: UInt64($0 + 501), start: 1000, step: 1.0) }

print("Vintage columnar chunk figures (release build; 1,000-point chunks of valid time + value, 8 chunks per dataset)")
print("")
print(
    "Sample values: \(monthly3[2].value.prefix(4).map { "\($0)" }.joined(separator: ", ")) | \(monthly4[2].value.prefix(3).map { "\($0)" }.joined(separator: ", ")) | \(walkPrice[0].value.prefix(3).map { "\($0)" }.joined(separator: ", ")) | \(walkFX[0].value.prefix(3).map { "\($0)" }.joined(separator: ", "))"
)
print("")
let rows = [
    try sizeRow("monthly trade, 3 significant digits", monthly3),
    try sizeRow("monthly trade, 4 significant digits", monthly4),
    try sizeRow("monthly trade, 2 significant digits", monthly2),
    try sizeRow("10 s walk, 5 dp, 100 +- 0.01/step", walkPrice),
    try sizeRow("10 s walk, 5 dp, 1.1 +- 0.0001/step", walkFX),
    try sizeRow("10 s walk, 5 dp, 1000 +- 1/step", walkWide)
]
print(
    cell("dataset", 38) + cell("chunk B/pt", 12) + cell("time B/pt", 11) + cell("value B/pt", 12) + cell("LZ4 raw B/pt", 14) + cell("raw B/pt", 10)
        + "  encodings")
for r in rows {
    let p = Double(r.points)
    print(
        cell(r.name, 38) + cell(fixed(Double(r.chunkBytes) / p, 3), 12) + cell(fixed(Double(r.timeBytes) / p, 3), 11)
            + cell(fixed(Double(r.valueBytes) / p, 3), 12) + cell(fixed(Double(r.lz4Bytes) / p, 3), 14) + cell("16.000", 10)
            + "  " + r.encodings.sorted().joined(separator: ", "))
}
print("(chunk B/pt is the whole chunk: header, zone map, directory, checksums and both columns.)")
let sizeTargets: [(String, Double, Double)] = [
    ("monthly trade (3 significant digits), time + value", Double(rows[0].chunkBytes) / Double(rows[0].points), 1.5),
    ("monthly trade (4 significant digits), time + value", Double(rows[1].chunkBytes) / Double(rows[1].points), 1.5),
    ("10 s random walk, 5 dp (100 +- 0.01), time + value", Double(rows[3].chunkBytes) / Double(rows[3].points), 3.0)
]
print("")

// MARK: - Speeds

let rowsPerChunk = 4096
var speedRows: [(String, Double, Double, String)] = []
@MainActor func speed(_ name: String, values: Int, iterations: Int, note: String = "", _ body: () -> Int) {
    let t = measure(iterations: iterations, body)
    speedRows.append((name, Double(values) / t.best / 1e6, Double(values) / t.median / 1e6, note))
}

// Bit-packed integers: frame-of-reference blocks at several widths.
var rng = SplitMix64(state: 7)
for width in [3, 9, 17, 31, 48] {
    let values = (0..<rowsPerChunk).map { _ in 1_000_000 + Int64(rng.next() >> UInt64(64 - width)) }
    var payload: [UInt8] = []
    try values.withUnsafeBufferPointer { try Int64Codec.encode($0, as: .frameOfReference, into: &payload) }
    var out = [Int64](repeating: 0, count: rowsPerChunk)
    speed("decode Int64 frame-of-reference, \(width) bits", values: rowsPerChunk, iterations: 2000) {
        payload.withUnsafeBytes { raw in
            out.withUnsafeMutableBufferPointer { try! Int64Codec.decode(raw, as: .frameOfReference, into: $0) }
        }
        return Int(truncatingIfNeeded: out[rowsPerChunk - 1])
    }
    let rawBytes = raw(values)
    let block = rawBytes.withUnsafeBytes { LZ4Block.compress($0) }
    speed("  LZ4 alone, raw column (same values)", values: rowsPerChunk, iterations: 2000) {
        let d = block.withUnsafeBytes { try! LZ4Block.decompress($0, decompressedCount: rawBytes.count) }
        return Int(d[d.count - 1])
    }
}

// Timestamps through the column encoder's choice (delta / delta-of-delta over bit packing).
do {
    let months = (0..<rowsPerChunk).map { i in Int64(daysFromCivil(year: 1700 + i / 12, month: i % 12 + 1, day: 1)) * Datasets.microsPerDay }
    let jittered = (0..<rowsPerChunk).map { i in Int64(1_767_225_600_000_000) + Int64(i) * 10_000_000 + Int64(rng.next() % 2_000_000) }
    for (name, values) in [("calendar months", months), ("10 s timestamps with jitter", jittered)] {
        var payload: [UInt8] = []
        let encoding = values.withUnsafeBufferPointer { Int64Codec.encodeSmallest($0, into: &payload) }
        var out = [Int64](repeating: 0, count: rowsPerChunk)
        speed(
            "decode Int64 \(name)", values: rowsPerChunk, iterations: 2000,
            note: "\(encoding), \(fixed(Double(payload.count * 8) / Double(rowsPerChunk), 2)) bits/value"
        ) {
            payload.withUnsafeBytes { raw in
                out.withUnsafeMutableBufferPointer { try! Int64Codec.decode(raw, as: encoding, into: $0) }
            }
            return Int(truncatingIfNeeded: out[rowsPerChunk - 1])
        }
    }
}

// Decimal (ALP-style) doubles.
let longWalk = Datasets.tenSecondWalk(seed: 9, start: 100, step: 0.01, count: rowsPerChunk).value
let longTrade = Datasets.monthlyTrade(seed: 9, base: 65.8e9, digits: 4, count: rowsPerChunk).value
let uniformDecimals = (0..<rowsPerChunk).map { _ in Double("\(Int64(rng.next() % 1_000_000))e-2")! }
for (name, values) in [("10 s walk, 5 dp", longWalk), ("monthly trade, 4 digits", longTrade), ("uniform 2 dp", uniformDecimals)] {
    var payload: [UInt8] = []
    try values.withUnsafeBufferPointer { try DoubleCodec.encode($0, as: .decimal, into: &payload) }
    var out = [Double](repeating: 0, count: rowsPerChunk)
    speed(
        "decode Double decimal, \(name)", values: rowsPerChunk, iterations: 2000,
        note: "\(fixed(Double(payload.count * 8) / Double(rowsPerChunk), 2)) bits/value"
    ) {
        payload.withUnsafeBytes { raw in
            out.withUnsafeMutableBufferPointer { try! DoubleCodec.decode(raw, as: .decimal, into: $0) }
        }
        return Int(out[rowsPerChunk - 1].bitPattern & 0xFF)
    }
    let rawBytes = raw(values)
    let block = rawBytes.withUnsafeBytes { LZ4Block.compress($0) }
    speed(
        "  LZ4 alone, raw column (same values)", values: rowsPerChunk, iterations: 2000,
        note: "\(fixed(Double(block.count * 8) / Double(rowsPerChunk), 2)) bits/value"
    ) {
        let d = block.withUnsafeBytes { try! LZ4Block.decompress($0, decompressedCount: rawBytes.count) }
        return Int(d[d.count - 1])
    }
}
do {
    var payload: [UInt8] = []
    try longWalk.withUnsafeBufferPointer { try DoubleCodec.encode($0, as: .xor, into: &payload) }
    var out = [Double](repeating: 0, count: rowsPerChunk)
    speed(
        "decode Double xor, 10 s walk (reference)", values: rowsPerChunk, iterations: 1000,
        note: "\(fixed(Double(payload.count * 8) / Double(rowsPerChunk), 2)) bits/value"
    ) {
        payload.withUnsafeBytes { raw in
            out.withUnsafeMutableBufferPointer { try! DoubleCodec.decode(raw, as: .xor, into: $0) }
        }
        return Int(out[rowsPerChunk - 1].bitPattern & 0xFF)
    }
}

// Encoding: whole projection-shaped chunks (5 columns), and single columns.
let n = rowsPerChunk
let projection: [Column] = [
    .int64((0..<n).map { Int64(1_767_225_600_000_000) + Int64($0) * 10_000_000 }),
    .int64((0..<n).map { Int64(1_767_225_600_000_000) + Int64($0) * 10_000_000 + 3_600_000_000 + Int64(rng.next() % 1000) }),
    .int64((0..<n).map { Int64(5_000_000 + $0 * 3) }),
    .double(longWalk),
    .uint8((0..<n).map { $0 % 500 == 0 ? 1 : 0 })
]
speed("encode chunk, 5 columns (values = rows x 5)", values: n * 5, iterations: 300) {
    try! ChunkEncoder().encode(projection, validTimeColumn: 0, valueColumn: 3).count
}
speed("encode chunk, 5 columns, LZ4 off", values: n * 5, iterations: 300) {
    try! ChunkEncoder(compression: .never).encode(projection, validTimeColumn: 0, valueColumn: 3).count
}
speed("encode column, Int64 timestamps (all tried)", values: n, iterations: 1000) {
    EncodedColumn(encoding: projection[1]).bytes.count
}
speed("encode column, Double 10 s walk (all tried)", values: n, iterations: 1000) {
    EncodedColumn(encoding: .double(longWalk)).bytes.count
}
speed("encode column, Double trade 4 digits (all tried)", values: n, iterations: 1000) {
    EncodedColumn(encoding: .double(longTrade)).bytes.count
}
do {
    let rawBytes = raw(longWalk)
    speed("  LZ4 alone compress, raw Double column", values: n, iterations: 1000) {
        rawBytes.withUnsafeBytes { LZ4Block.compress($0).count }
    }
}
let chunk = try ChunkEncoder().encode(projection, validTimeColumn: 0, valueColumn: 3)
var valueOut = [Double](repeating: 0, count: n)
speed("open chunk (whole-chunk CRC) + decode value column", values: n, iterations: 2000) {
    let reader = try! ChunkReader(chunk)
    valueOut.withUnsafeMutableBufferPointer { try! reader.decode(column: 3, into: $0) }
    return Int(valueOut[n - 1].bitPattern & 0xFF)
}
speed("open chunk (header CRC) + read zone map", values: n, iterations: 20000, note: "values = rows summarised") {
    let reader = try! ChunkReader(chunk, verification: .headerThenColumns)
    return reader.zoneMap.rowCount
}
do {
    let big = [UInt8](repeating: 0xA5, count: 1 << 20)
    let t = measure(iterations: 50) { Int(CRC32C.checksum(big)) }
    speedRows.append(("CRC-32C (bytes, slicing-by-8)", Double(big.count) / t.best / 1e6, Double(big.count) / t.median / 1e6, "MB/s"))
}

@MainActor func minimum(_ prefix: String) -> Double {
    speedRows.filter { $0.0.hasPrefix(prefix) }.map(\.1).min() ?? 0
}
print("Speeds (one core, \(rowsPerChunk)-row columns, best and median of 9 timed runs, M values/s)")
print(cell("measurement", 52) + cell("best", 10) + cell("median", 10) + "  note")
for (name, best, median, note) in speedRows {
    print(cell(name, 52) + cell(fixed(best, 0), 10) + cell(fixed(median, 0), 10) + "  " + note)
}

print("")
print("Targets of issue 3 (sizes in bytes/point, speeds: the slowest case's best run, M values/s)")
for (name, value, limit) in sizeTargets {
    print(cell(name, 56) + cell(fixed(value, 3), 9) + "  target <= " + fixed(limit, 1) + (value <= limit ? "  met" : "  NOT MET"))
}
let speedTargets: [(String, Double, Double)] = [
    ("decode bit-packed Int64 (slowest width)", minimum("decode Int64 frame-of-reference"), 300),
    ("decode decimal Double (slowest dataset)", minimum("decode Double decimal"), 150),
    ("encode (slowest of chunk and single columns)", minimum("encode"), 50)
]
for (name, value, limit) in speedTargets {
    print(cell(name, 56) + cell(fixed(value, 0), 9) + "  target >= " + fixed(limit, 0) + (value >= limit ? "  met" : "  NOT MET"))
}
