// The analytics' own speed: aggregates folded over point columns already decoded, as a
// projection scan hands them out (`PointRun.points`, one run per chunk), and over chunk
// summaries. Decoding is the projection's cost and is not measured here.
//
// Run: swift run -c release --package-path Benchmarks analytics-figures [TEXT]
// (with TEXT, only the figures whose label contains it)
import BenchmarkSupport
import Glibc
import VintageCore
import VintageFolds
import VintageProjection
import VintageQuery

/// One series as columns, handed out in runs of `chunkRows` points, every run as columns.
struct ColumnSource: SeriesPointSource {
    var times: [Int64]
    var values: [Double]
    var chunkRows: Int

    mutating func points(of series: SeriesID, _ query: PointQuery) throws(ProjectionError) -> [VintagePoint] { [] }

    mutating func scanPoints(
        of series: SeriesID, _ query: PointQuery, summarizing: (Int64, Int64) -> Bool,
        _ body: (PointRun) -> Void
    ) throws(ProjectionError) {
        let lower = query.from.map { from in times.firstIndex { $0 >= from } ?? times.count } ?? 0
        let upper = query.to.map { to in times.firstIndex { $0 >= to } ?? times.count } ?? times.count
        times.withUnsafeBufferPointer { t in
            values.withUnsafeBufferPointer { v in
                var i = lower
                while i < upper {
                    let j = min(i + chunkRows, upper)
                    body(.points(times: UnsafeBufferPointer(rebasing: t[i..<j]), values: UnsafeBufferPointer(rebasing: v[i..<j])))
                    i = j
                }
            }
        }
    }
}

/// `count` points every `step` microseconds from 2026-01-01, a random walk of cents.
func series(count: Int, step: Int64) -> (times: [Int64], values: [Double]) {
    var rng = SplitMix64(state: 42)
    let start = Timestamp(CivilDate(year: 2026, month: 1, day: 1)).microseconds
    var level = 100.0
    var values: [Double] = []
    values.reserveCapacity(count)
    for _ in 0..<count {
        level += Double(Int(rng.next() % 201) - 100) / 100
        values.append(level)
    }
    return ((0..<count).map { start + Int64($0) * step }, values)
}

let selected = [SelectedSeries(id: SeriesID(unchecked: "bench"), metadata: SeriesMetadata(frequency: .irregular))]

/// Seconds of CPU time this thread has used (unlike wall time, not inflated while other
/// processes hold the cores).
func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
}

/// Runs the query `iterations` times per run, 9 runs after a warm-up, and prints the best and
/// median wall and thread-CPU time per query with the points per second they give.
func figure(_ label: String, _ source: ColumnSource, _ query: AnalyticQuery, points: Int, iterations: Int) {
    if CommandLine.arguments.count > 1, !label.contains(CommandLine.arguments[1]) { return }
    var source = source
    var rows = 0
    func once() {
        guard case let .aggregates(result) = try! query.run(on: &source, series: selected) else { return }
        rows &+= result.reduce(0) { $0 + $1.count }
    }
    once()
    var cpu: [Double] = []
    let wall = measure(iterations: iterations) {
        let start = threadCPUSeconds()
        once()
        cpu.append(threadCPUSeconds() - start)
        return rows
    }
    cpu.sort()
    let pad = String(repeating: " ", count: max(0, 44 - label.count))
    func rate(_ seconds: Double) -> Int { Int((Double(points) / seconds / 1e6).rounded()) }
    print(
        "\(label)\(pad) cpu best \(format3(cpu[0] * 1e3)) ms = \(rate(cpu[0])) M points/s (median \(rate(cpu[cpu.count / 2])));"
            + " wall best \(format3(wall.best * 1e3)) ms (median \(format3(wall.median * 1e3)))")
}

func format3(_ x: Double) -> String {
    let scaled = (x * 1000).rounded() / 1000
    return "\(scaled)"
}

let second: Int64 = 1_000_000
// A month of 10-second data (30 days), in chunks of 4,096 decoded points.
let month = series(count: 30 * 8_640, step: 10 * second)
let monthSource = ColumnSource(times: month.times, values: month.values, chunkRows: 4_096)
print("A month of 10-second data: \(month.times.count) points, runs of 4,096 points, every run decoded")
for aggregate in Aggregate.allCases {
    figure(
        "--agg \(aggregate) --bucket 1m", monthSource, try! AnalyticQuery(aggregate: aggregate, bucket: try! Bucket(parsing: "1m")),
        points: month.times.count, iterations: 20)
}
for bucket in ["1h", "1d", "1w", "1mo"] {
    figure(
        "--agg avg --bucket \(bucket)", monthSource, try! AnalyticQuery(aggregate: .avg, bucket: try! Bucket(parsing: bucket)),
        points: month.times.count, iterations: 20)
}
figure("--agg sum (whole range)", monthSource, try! AnalyticQuery(aggregate: .sum), points: month.times.count, iterations: 20)

// Ten million points of one dense series.
let dense = series(count: 10_000_000, step: 10 * second)
let denseSource = ColumnSource(times: dense.times, values: dense.values, chunkRows: 4_096)
print("Ten million 10-second points, runs of 4,096 points")
for aggregate in [Aggregate.sum, .min, .max] {
    figure(
        "--agg \(aggregate) (whole range, every run decoded)", denseSource, try! AnalyticQuery(aggregate: aggregate),
        points: dense.times.count, iterations: 1)
}
figure(
    "--agg sum --bucket 1m (every run decoded)", denseSource, try! AnalyticQuery(aggregate: .sum, bucket: try! Bucket(parsing: "1m")),
    points: dense.times.count, iterations: 1)
