// Series chunks in process (issue 4): bytes per vintage, and point queries of one series'
// 1,000 points answered from its chunks (at most 50 µs). Run:
//   swift run -c release --package-path Benchmarks projection-figures
import BenchmarkSupport
import Foundation
import VintageColumnar
import VintageCore
import VintageFolds
import VintageProjection

func oneDecimal(_ x: Double) -> String {
    let tenths = Int((x * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
}

func twoDecimals(_ x: Double) -> String {
    let hundredths = Int((x * 100).rounded())
    return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
}

/// Seconds as microseconds with one decimal.
func micro(_ s: Double) -> String { oneDecimal(s * 1e6) }

func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
}

/// The column names of the series-chunk layout (SeriesChunk.swift); those of layout 1 when
/// built against it, for comparisons.
func columnNames(_ count: Int) -> [String] {
    count == 7
        ? ["validTime", "releasedAt", "seq", "visibleFrom offset", "visibleUntil", "value", "status"]
        : [
            "point time", "point rows", "event time", "event seq", "event end", "event step",
            "visibleFrom offset", "value", "status"
        ]
}

extension VintageRow {
    init(_ g: GeneratedRow) {
        self.init(
            validTime: g.validTime, releasedAt: g.releasedAt, value: g.value, seq: g.seq, visibleFrom: g.visibleFrom,
            visibleUntil: g.visibleUntil, status: g.status)
    }
}

/// Chunk bytes of `series` per vintage (distinct valid time and release time of a series)
/// and per row (a corrected vintage has two rows: the ended one and its restatement), in
/// total and per column, as the writer cuts them.
func sizeReport(_ title: String, _ series: [[VintageRow]]) throws {
    var table = try StatusTable()
    var total = 0, rows = 0, vintages = 0, chunks = 0, headers = 0
    var perColumn: [Int] = []
    var encodings: [[String: Int]] = []
    for s in series {
        rows += s.count
        vintages += Set(s.map { [$0.validTime, $0.releasedAt] }).count
        for bytes in try SeriesChunkWriter().chunks(s, statuses: &table) {
            chunks += 1
            total += bytes.count
            let header = try ChunkReader(bytes).header
            headers += bytes.count - header.columns.reduce(0) { $0 + $1.byteCount }
            if perColumn.isEmpty {
                perColumn = [Int](repeating: 0, count: header.columns.count)
                encodings = [[String: Int]](repeating: [:], count: header.columns.count)
            }
            for (i, c) in header.columns.enumerated() {
                perColumn[i] += c.byteCount
                encodings[i]["\(c.encoding)\(c.isCompressed ? "+lz4" : "")", default: 0] += 1
            }
        }
    }
    func perRow(_ b: Int) -> String { twoDecimals(Double(b) / Double(rows)) }
    print(
        "\(title): \(series.count) series, \(vintages) vintages in \(rows) rows, \(chunks) chunk(s), \(total) bytes: "
            + "\(twoDecimals(Double(total) / Double(vintages))) bytes per vintage, \(perRow(total)) per row")
    print("\(pad("column", 34))  \(pad("bytes/row", 13))  encoding (chunks)")
    print("\(pad("header, directory, checksums", 34))  \(pad(perRow(headers), 13))")
    let names = columnNames(perColumn.count)
    for i in perColumn.indices {
        let used = encodings[i].sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) (\($0.value))" }
        print("\(pad(names[i], 34))  \(pad(perRow(perColumn[i]), 13))  \(used.prefix(3).joined(separator: ", "))")
    }
    print()
}

/// Point-query timings of one series' rows answered from its chunks as a projection answers
/// them before its row cache holds them (the chunks' rows decoded, then selected), against
/// PointQuery over the rows in memory; then each column of its first chunk decoded on its own.
func queryReport(_ title: String, rows: [VintageRow], midRelease: Int64, range: (Int64, Int64), lastSeq: Int64) throws {
    var table = try StatusTable()
    let bytes = try SeriesChunkWriter().chunks(rows, statuses: &table)
    let chunkBytes = bytes.reduce(0) { $0 + $1.count }
    let opened = try bytes.map { try SeriesChunk(bytes: $0, statuses: table) }
    // The writer's chunks hold consecutive ranges of the rows in key order.
    func chunkPoints(_ chunks: [SeriesChunk], _ q: PointQuery) throws -> [VintagePoint] {
        q.points(inSorted: try chunks.flatMap { try $0.rows() })
    }
    let points = Set(rows.map(\.validTime)).count
    print(
        "\(title): \(points) points, \(rows.count) rows, \(bytes.count) chunk(s), \(chunkBytes) bytes, \(twoDecimals(Double(chunkBytes) / Double(rows.count))) bytes/row"
    )

    let queries: [(String, PointQuery)] = [
        ("latest", PointQuery()),
        ("--as-of (mid-history)", PointQuery(asOf: midRelease)),
        ("--at-seq (mid-log)", PointQuery(atSeq: rows.map(\.seq).sorted()[rows.count / 2])),
        ("--at-seq (last)", PointQuery(atSeq: lastSeq)),
        ("--first-release", PointQuery(firstRelease: true)),
        ("latest, 120 points (--from/--to)", PointQuery(from: range.0, to: range.1)),
        ("--latest", PointQuery(latestOnly: true))
    ]
    // Every chunk answer equals the plain selection over the rows.
    for (name, q) in queries {
        guard try chunkPoints(opened, q) == q.points(in: rows) else { fatalError("\(name): chunk answer differs") }
    }
    print(
        "\(pad("query", 34))  \(pad("points", 6))  \(pad("chunks, µs", 10))  \(pad("(best)", 6))  \(pad("+ open, µs", 10))  \(pad("rows in memory, µs", 18))"
    )
    for (name, q) in queries {
        let count = try chunkPoints(opened, q).count
        let fromChunks = measure(runs: 15, iterations: 200) { (try? chunkPoints(opened, q).count) ?? -1 }
        let withOpening = measure(runs: 15, iterations: 200) {
            guard let c = try? bytes.map({ try SeriesChunk(bytes: $0, statuses: table) }) else { return -1 }
            return (try? chunkPoints(c, q).count) ?? -1
        }
        let inMemory = measure(runs: 15, iterations: 50) { q.points(in: rows).count }
        print(
            "\(pad(name, 34))  \(pad("\(count)", 6))  \(pad(micro(fromChunks.median), 10))  \(pad(micro(fromChunks.best), 6))  \(pad(micro(withOpening.median), 10))  \(pad(micro(inMemory.median), 18))"
        )
    }
    print(
        "medians (and the best) of 15 runs; 'chunks' decodes the rows of the opened chunks, '+ open' also parses the headers from the bytes each time."
    )

    // Where the time and the bytes go: each column of the first chunk decoded on its own.
    let reader = try ChunkReader(bytes[0], verification: .headerThenColumns)
    let names = columnNames(reader.columns.count)
    print("\(pad("column", 34))  \(pad("bytes", 6))  \(pad("encoding", 10))  \(pad("decode, µs", 10))")
    for (i, column) in reader.columns.enumerated() {
        let decode = measure(runs: 15, iterations: 500) {
            switch column.type {
            case .int64: return (try? reader.int64s(column: i).count) ?? -1
            case .double: return (try? reader.doubles(column: i).count) ?? -1
            case .uint8: return (try? reader.uint8s(column: i).count) ?? -1
            }
        }
        print(
            "\(pad(names[i], 34))  \(pad("\(column.byteCount)", 6))  \(pad("\(column.encoding)\(column.isCompressed ? "+lz4" : "")", 10))  \(pad(micro(decode.median), 10))"
        )
    }
    print()
}

// `projection-figures --ndjson FILE` (e.g. from `tools/datagen trade`): the chunk bytes per
// vintage of the events in FILE, folded as a store folds them, and nothing else.
if let i = CommandLine.arguments.firstIndex(of: "--ndjson"), i + 1 < CommandLine.arguments.count {
    let path = CommandLine.arguments[i + 1]
    let text = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    let events = try text.withUnsafeBufferPointer { buffer throws(EventInputError) in try NDJSONReader.events(in: buffer) }
    var fold = VintageFold()
    for (k, event) in events.enumerated() { fold.apply(PreparedEvent(event), seq: Int64(k + 1)) }
    let series = fold.seriesIDs.map { fold.rows(of: $0).sorted { $0.key < $1.key } }.filter { !$0.isEmpty }
    try sizeReport(path, series)
    exit(0)
}

// Trade-like releases (TradeLikeRows): 40 publishers × 25 series, 360 months (30 years) of
// monthly releases, each stating a new month and revising the two before it.
let day: Int64 = 86_400_000_000
let trade = TradeLikeRows.generate(publishers: 40, seriesPerPublisher: 25, months: 360)
let tradeSeries = trade.rows.map { $0.map(VintageRow.init) }
try sizeReport("trade-like, 30 years", tradeSeries)
try sizeReport("trade-like, one of those series", [tradeSeries[0]])

// One trade-like series of 1,000 months for the query timings.
let longTrade = TradeLikeRows.generate(publishers: 40, seriesPerPublisher: 1, months: 1000, seed: 11)
let longRows = longTrade.rows[0].map(VintageRow.init)
let longMonths = Array(Set(longRows.map(\.validTime))).sorted()
try queryReport(
    "trade-like series, 1,000 months", rows: longRows, midRelease: longMonths[500] + 45 * day,
    range: (longMonths[400], longMonths[520]), lastSeq: longTrade.lastSeq)

// One monthly series of 1,000 points from January 1940, each with 2–3 vintages: a first
// release about 30 days after the month, a revision 30 days later, and for a third of the
// points an annual revision a year later. Every row is its own event: seqs grow with release
// time, with gaps as in a log shared with other series; 1% of first releases were corrected
// (ended rows and restated rows). Values have one decimal.
var rng = SplitMix64(state: 42)
var monthStarts: [Int64] = []
var (year, month) = (1940, 1)
for _ in 0..<1000 {
    monthStarts.append(Int64(TradeLikeRows.daysFromCivil(year: year, month: month, day: 1)) * day)
    month += 1
    if month == 13 { (year, month) = (year + 1, 1) }
}
struct Pending { var releasedAt: Int64; var validTime: Int64; var value: Double; var status: String }
var pending: [Pending] = []
for (p, t) in monthStarts.enumerated() {
    let base = Double(Int.random(in: 10_000...99_999, using: &rng)) / 10
    pending.append(Pending(releasedAt: t + 61 * day, validTime: t, value: base, status: "preliminary"))
    pending.append(
        Pending(releasedAt: t + 91 * day, validTime: t, value: base + Double(Int.random(in: -50...50, using: &rng)) / 10, status: "revised"))
    if p % 3 == 0 {
        pending.append(
            Pending(releasedAt: t + 426 * day, validTime: t, value: base + Double(Int.random(in: -90...90, using: &rng)) / 10, status: "final"))
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
rows.sort { $0.key < $1.key }
try queryReport(
    "one event per row, 1,000 months", rows: rows, midRelease: monthStarts[500] + 100 * day,
    range: (monthStarts[400], monthStarts[520]), lastSeq: seq)
