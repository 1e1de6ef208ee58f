import BenchmarkSupport
import VintageCore
import VintageFolds
import VintageProjection
import VintageQuery

// Scans of one dense series answered from the projection in process (issue 5): whole-range
// aggregates from the chunk summaries in the manifest, hourly and daily buckets, and a
// month of 10-second data decoded chunk by chunk, on ONE dense series of about 10 million
// points:
//
//   tools/datagen dense --series 1 --days 1158 --out /tmp/dense-1x1158.ndjson
//   swift run -c release --package-path Benchmarks scan-figures --ndjson /tmp/dense-1x1158.ndjson
//
// `--ndjson FILE` builds the projection of FILE's events (as `vintage replay` would, from the
// events in memory) in `--store DIR` (default /tmp/scan-figures-store, replaced); without it
// the tool reads the projection of an existing store DIR (e.g. made by `vintage append`).
// `--series ID` picks the series (default dense.s0000).
//
// Each figure: the best and the median wall-clock time of 9 runs (each run repeating the
// query), the best CPU time of the thread, and the time of the first call, which reads the
// chunk files it needs ("first").
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

func option(_ name: String) -> String? {
    guard let i = CommandLine.arguments.firstIndex(of: name), i + 1 < CommandLine.arguments.count else { return nil }
    return CommandLine.arguments[i + 1]
}

// The allocator settings the `vintage` CLI applies (VintageCLI/AllocatorTuning.swift, through
// the CMalloc shim): freed memory stays in the process, so a query's large result arrays do
// not cost fresh page faults every time. `--default-malloc` leaves glibc's defaults.
#if canImport(Glibc)
    /// glibc's `mallopt`, which the Glibc module does not import.
    @_silgen_name("mallopt") func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
    if !CommandLine.arguments.contains("--default-malloc") {
        _ = glibcMallopt(-3, 32 << 20)  // M_MMAP_THRESHOLD
        _ = glibcMallopt(-1, 0x7fff_ffff)  // M_TRIM_THRESHOLD
        _ = glibcMallopt(-2, 256 << 20)  // M_TOP_PAD
    }
#endif

let store = option("--store") ?? "/tmp/scan-figures-store"
let id = SeriesID(unchecked: option("--series") ?? "dense.s0000")
if let ndjson = option("--ndjson") {
    let clock = ContinuousClock()
    var log: MemoryLog? = nil
    let reading = try clock.measure { log = try MemoryLog(ndjson: ndjson) }
    removeScratch(store)
    mkdir(store, 0o755)
    var fresh = try Projection.open(inStore: store)
    let building = try clock.measure { try fresh.rebuild(log: log!) }
    print("\(ndjson): \(log!.events.count) events read in \(reading), projection built in \(building) at \(store)")
}
var projection = try Projection.open(inStore: store)
let selected = [SelectedSeries(id: id, metadata: SeriesMetadata(frequency: .irregular))]

let second: Int64 = 1_000_000, hour = 3_600 * second, day = 24 * hour
let start = Timestamp(CivilDate(year: 2025, month: 1, day: 1)).microseconds

func format(_ x: Double, _ decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let n = Int((x * scale).rounded())
    let whole = n / Int(scale), fraction = String(n % Int(scale))
    return decimals == 0 ? "\(whole)" : "\(whole)." + String(repeating: "0", count: decimals - fraction.count) + fraction
}

func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

/// What one scan handed out.
struct Tally {
    var runs = 0, summaries = 0, points = 0
    var sum = 0.0
}

/// Scans `query`; summaries allowed when `summarizing` says so. Sums what it gets.
@MainActor
func scan(_ query: PointQuery, summarizing: (Int64, Int64) -> Bool) -> Tally {
    var tally = Tally()
    try! projection.scanPoints(of: id, query, summarizing: summarizing) { run in
        tally.runs += 1
        switch run {
        case let .points(_, values):
            tally.points += values.count
            // Four partial sums: the consumer should cost little beside the decoding.
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
            var i = 0
            while i + 4 <= values.count {
                s0 += values[i]; s1 += values[i + 1]; s2 += values[i + 2]; s3 += values[i + 3]
                i += 4
            }
            while i < values.count { s0 += values[i]; i += 1 }
            tally.sum += (s0 + s1) + (s2 + s3)
        case let .summary(summary):
            tally.summaries += 1
            tally.points += summary.count
            tally.sum += summary.sum
        }
    }
    return tally
}

/// Seconds of CPU time this thread has used.
func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Times `body`: the first call (which reads the chunk files it needs), then 9 runs of
/// `iterations` calls; prints the best and median wall-clock time per call and the best CPU
/// time of this thread per call (on a loaded machine the steadier figure), and `extra` of
/// the best wall and CPU times.
@MainActor
func figure(_ label: String, iterations: Int, _ extra: (_ wall: Double, _ cpu: Double) -> String = { _, _ in "" }, _ body: () -> Int) {
    let clock = ContinuousClock()
    func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
    var sink = 0
    let first = seconds(clock.measure { sink &+= body() })
    var walls: [Double] = [], cpus: [Double] = []
    for _ in 0..<9 {
        let cpu0 = threadCPUSeconds()
        let wall = clock.measure { for _ in 0..<iterations { sink &+= body() } }
        cpus.append((threadCPUSeconds() - cpu0) / Double(iterations))
        walls.append(seconds(wall) / Double(iterations))
    }
    blackHole(sink)
    walls.sort()
    cpus.sort()
    func ms(_ s: Double) -> String { pad(format(s * 1e3, 3), 7) }
    print(
        "\(pad(label, 58)) best \(ms(walls[0])) ms, median \(ms(walls[4])) ms, CPU \(ms(cpus[0])) ms, first \(pad(format(first * 1e3, 1), 6)) ms\(extra(walls[0], cpus[0]))"
    )
}

// `--profile N`: only the 30-day scan with every chunk decoded, N times (for a profiler);
// with `--buckets`, the 1-minute-bucket query over the same 30 days instead.
if let n = option("--profile").flatMap(Int.init) {
    let from = start + 400 * day
    let month = PointQuery(from: from, to: from + 30 * day)
    var total = 0
    if CommandLine.arguments.contains("--buckets") {
        let query = try AnalyticQuery(points: month, aggregate: .avg, bucket: try Bucket(parsing: "1m"))
        for _ in 0..<n {
            guard case let .aggregates(rows) = try query.run(on: &projection, series: selected) else { continue }
            total &+= rows.count
        }
        print("\(total) buckets")
    } else {
        for _ in 0..<n { total &+= scan(month, summarizing: { _, _ in false }).points }
        print("\(total) points scanned")
    }
    exit(0)
}

let whole = scan(PointQuery(), summarizing: { _, _ in false })
print("\(store), series \(id): \(whole.points) points in \(whole.runs) runs of columns (no summaries)")
let everything = scan(PointQuery(), summarizing: { _, _ in true })
print("whole range with summaries: \(everything.summaries) summaries, \(everything.runs - everything.summaries) runs of columns")
print()

// Whole range: raw scan, then the analytic query end to end.
figure("scanPoints whole range, summaries (sum)", iterations: 20) { scan(PointQuery(), summarizing: { _, _ in true }).runs }
for aggregate in [Aggregate.sum, .avg, .min, .max] {
    let query = try! AnalyticQuery(aggregate: aggregate)
    figure("--agg \(aggregate), whole range (\(whole.points) points)", iterations: 20) {
        guard case let .aggregates(rows) = try! query.run(on: &projection, series: selected) else { return 0 }
        return rows.count
    }
}
// The same with vintage options: first releases (one row per point, so the summaries
// serve), and as of a release time in the middle of the series (the chunks released by then
// from summaries, the one it cuts decoded, later ones pruned to nothing).
let middle = start + 579 * day + 30 * 60 * second
for (label, points) in [
    ("--agg sum --first-release, whole range", PointQuery(firstRelease: true)),
    ("--agg sum --as-of (mid-series), whole range", PointQuery(asOf: middle))
] {
    let query = try! AnalyticQuery(points: points, aggregate: .sum)
    figure(label, iterations: 20) {
        guard case let .aggregates(rows) = try! query.run(on: &projection, series: selected) else { return 0 }
        return rows.count
    }
}
print()

// Buckets: hourly over one day, daily over a month (30 days), in the middle of the series.
let dayStart = start + 400 * day
let hourly = PointQuery(from: dayStart, to: dayStart + day)
let monthly = PointQuery(from: dayStart, to: dayStart + 30 * day)
for (label, points, bucket) in [("--agg avg --bucket 1h over one day", hourly, "1h"), ("--agg avg --bucket 1d over 30 days", monthly, "1d")] {
    let query = try! AnalyticQuery(points: points, aggregate: .avg, bucket: try! Bucket(parsing: bucket))
    figure(label, iterations: 50) {
        guard case let .aggregates(rows) = try! query.run(on: &projection, series: selected) else { return 0 }
        return rows.count
    }
}
print()

// Every chunk decoded: a month of 10-second data.
let month = scan(monthly, summarizing: { _, _ in false })
let rate: (Double, Double) -> String = { wall, cpu in
    ", \(format(Double(month.points) / wall / 1e6, 0)) M points/s (CPU time: \(format(Double(month.points) / cpu / 1e6, 0)))"
}
figure("scanPoints 30 days, every chunk decoded (\(month.points) points)", iterations: 10, rate) {
    scan(monthly, summarizing: { _, _ in false }).points
}
let minutes = try! AnalyticQuery(points: monthly, aggregate: .avg, bucket: try! Bucket(parsing: "1m"))
figure("--agg avg --bucket 1m over 30 days", iterations: 10, rate) {
    guard case let .aggregates(rows) = try! minutes.run(on: &projection, series: selected) else { return 0 }
    return rows.count
}
let all = PointQuery()
let wholeRate: (Double, Double) -> String = { wall, cpu in
    ", \(format(Double(whole.points) / wall / 1e6, 0)) M points/s (CPU time: \(format(Double(whole.points) / cpu / 1e6, 0)))"
}
figure("scanPoints whole range, every chunk decoded", iterations: 1, wholeRate) { scan(all, summarizing: { _, _ in false }).points }
