// Point queries answered from a series' vintage chunks, in-process (issue 4: at most 50 µs
// for one series' 1,000 points). Run:
//   swift run -c release --package-path Benchmarks projection-figures
import BenchmarkSupport
import VintageColumnar
import VintageProjection

func oneDecimal(_ x: Double) -> String {
    let tenths = Int((x * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
}

/// Seconds as microseconds with one decimal.
func micro(_ s: Double) -> String { oneDecimal(s * 1e6) }

func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
}

// One monthly series of 1,000 points from January 1940, each with 2–3 vintages: a first
// release about 30 days after the month, a revision 30 days later, and for a third of the
// points an annual revision a year later. Seqs grow with release time, with gaps as in a log
// shared with other series; 1% of first releases were corrected (ended rows and restated
// rows). Values have one decimal, as trade figures do.
let day: Int64 = 86_400_000_000
var rng = SplitMix64(state: 42)
var monthStarts: [Int64] = []
var (year, month) = (1940, 1)
for _ in 0..<1000 {
    // Days from 1970-01-01 to the first of the month (civil calendar).
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    monthStarts.append(Int64(era * 146_097 + doe - 719_468) * day)
    month += 1
    if month == 13 { (year, month) = (year + 1, 1) }
}
struct Pending { var releasedAt: Int64; var validTime: Int64; var value: Double; var status: String }
var pending: [Pending] = []
for (p, t) in monthStarts.enumerated() {
    let base = Double(Int.random(in: 10_000...99_999, using: &rng)) / 10
    pending.append(Pending(releasedAt: t + 61 * day, validTime: t, value: base, status: "preliminary"))
    pending.append(Pending(releasedAt: t + 91 * day, validTime: t, value: base + Double(Int.random(in: -50...50, using: &rng)) / 10, status: "revised"))
    if p % 3 == 0 {
        pending.append(Pending(releasedAt: t + 426 * day, validTime: t, value: base + Double(Int.random(in: -90...90, using: &rng)) / 10, status: "final"))
    }
}
pending.sort { ($0.releasedAt, $0.validTime) < ($1.releasedAt, $1.validTime) }
var rows: [VintageRow] = []
var seq: Int64 = 1_000_000
var corrected: [Int] = []
for e in pending {
    seq += Int64.random(in: 1...4000, using: &rng)
    rows.append(VintageRow(validTime: e.validTime, releasedAt: e.releasedAt, value: e.value, seq: seq, visibleFrom: seq, status: e.status))
    if e.status == "preliminary" && Int.random(in: 0..<100, using: &rng) == 0 { corrected.append(rows.count - 1) }
}
for i in corrected {
    seq += Int64.random(in: 1...4000, using: &rng)
    rows[i].visibleUntil = seq
    var restated = rows[i]
    restated.value += 0.1
    restated.seq = seq
    restated.visibleFrom = seq
    restated.visibleUntil = .max
    rows.append(restated)
}
let lastSeq = seq
rows.sort { $0.key < $1.key }

var table = try StatusTable()
let bytes = try SeriesChunkWriter().chunks(rows, statuses: &table)
let chunkBytes = bytes.reduce(0) { $0 + $1.count }
let opened = try SeriesChunks(bytes: bytes, statuses: table)

print("one series: \(monthStarts.count) points, \(rows.count) rows (\(corrected.count) ended by corrections), \(bytes.count) chunk(s), \(chunkBytes) bytes, \(oneDecimal(Double(chunkBytes) / Double(rows.count))) bytes/row")

let midRelease = monthStarts[500] + 100 * day
let queries: [(String, PointQuery)] = [
    ("latest", PointQuery()),
    ("--as-of (mid-history)", PointQuery(asOf: midRelease)),
    ("--at-seq (mid-log)", PointQuery(atSeq: rows[rows.count / 2].seq)),
    ("--at-seq (last)", PointQuery(atSeq: lastSeq)),
    ("--first-release", PointQuery(firstRelease: true)),
    ("latest, 120 points (--from/--to)", PointQuery(from: monthStarts[400], to: monthStarts[520])),
    ("--latest", PointQuery(latestOnly: true)),
]

// Every chunk answer equals the plain selection over the rows.
for (name, q) in queries {
    guard try opened.points(q) == q.points(in: rows) else { fatalError("\(name): chunk answer differs") }
}

print("\(pad("query", 34))  \(pad("points", 6))  \(pad("chunks, µs", 10))  \(pad("+ open, µs", 10))  \(pad("rows in memory, µs", 18))")
for (name, q) in queries {
    let count = try opened.points(q).count
    let fromChunks = measure(runs: 15, iterations: 200) { (try? opened.points(q).count) ?? -1 }
    let withOpening = measure(runs: 15, iterations: 200) {
        guard let c = try? SeriesChunks(bytes: bytes, statuses: table) else { return -1 }
        return (try? c.points(q).count) ?? -1
    }
    let inMemory = measure(runs: 15, iterations: 50) { q.points(in: rows).count }
    print("\(pad(name, 34))  \(pad("\(count)", 6))  \(pad(micro(fromChunks.median), 10))  \(pad(micro(withOpening.median), 10))  \(pad(micro(inMemory.median), 18))")
}
print("medians of 15 runs; 'chunks' reuses the opened headers, '+ open' parses them from the bytes each time.")

// Where the time and the bytes go: each column of the chunk decoded on its own.
let reader = try ChunkReader(bytes[0], verification: .headerThenColumns)
let names = ["validTime", "releasedAt", "seq", "visibleFrom", "visibleUntil", "value", "status"]
print("\(pad("column", 34))  \(pad("bytes", 6))  \(pad("encoding", 10))  \(pad("decode, µs", 10))")
for (i, column) in reader.columns.enumerated() {
    let decode = measure(runs: 15, iterations: 500) {
        switch column.type {
        case .int64: return (try? reader.int64s(column: i).count) ?? -1
        case .double: return (try? reader.doubles(column: i).count) ?? -1
        case .uint8: return (try? reader.uint8s(column: i).count) ?? -1
        }
    }
    print("\(pad(names[i], 34))  \(pad("\(column.byteCount)", 6))  \(pad("\(column.encoding)\(column.isCompressed ? "+lz4" : "")", 10))  \(pad(micro(decode.median), 10))")
}
