import Benchmark
import BenchmarkSupport
import Vintage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Append, replay and the query set of issue 6 in process, through the library (`Store`), on generated
// trade releases (`ReleaseFeed.trade`: 20 countries × 25 products × 120 months, 3 vintages a
// point) and dense 10-second data (`ReleaseFeed.dense`: 4 series × 7 days). Stores live in
// fresh temporary directories. Nothing is gated on wall-clock time.
// Run: swift package --package-path Benchmarks benchmark --target Store

/// A new empty directory under the temporary directory.
func temporaryDirectory(_ label: String) -> String {
    var template = Array("/tmp/vintage-bench-\(label)-XXXXXX".utf8CString)
    return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
}

/// Removes a directory tree (the stores are a few levels deep at most).
func removeTree(_ path: String) {
    guard let dir = opendir(path) else { unlink(path); return }
    while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
        if name == "." || name == ".." { continue }
        let child = path + "/" + name
        var info = stat()
        if lstat(child, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { removeTree(child) } else { unlink(child) }
    }
    closedir(dir)
    rmdir(path)
}

/// A store built once per benchmark process from a feed, shared by the query benchmarks.
final class Prepared: Sendable {
    let directory: String
    let store: Store

    init(_ label: String, _ feed: [UInt8]) {
        directory = temporaryDirectory(label)
        store = try! Store(directory: directory, create: true)
        _ = try! store.append(ndjson: feed)
    }

    /// Removes the store's directory (call once, when no benchmark needs it any more).
    func remove() { removeTree(directory) }
}

let tradeFeed = ReleaseFeed.trade(countries: 20, products: 25, months: 120)
let denseFeed = ReleaseFeed.dense(series: 4, hours: 7 * 24)
let trade = Prepared("trade", tradeFeed.ndjson)
let dense = Prepared("dense", denseFeed.ndjson)

var heavy: Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        scalingFactor: .one,
        maxDuration: .seconds(10),
        maxIterations: 10
    )
}
var query: Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        scalingFactor: .one,
        maxDuration: .seconds(2),
        maxIterations: 5_000
    )
}

/// The number of rows an analytic query answered with (kept alive by `blackHole`).
func rows(_ result: AnalyticResult) -> Int {
    switch result {
    case let .points(series): return series.reduce(0) { $0 + $1.points.count }
    case let .aggregates(groups): return groups.reduce(0) { $0 + $1.count }
    }
}

/// Valid time (UTC microseconds) of midnight on a date.
func micros(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
    Int64(TradeLikeRows.daysFromCivil(year: year, month: month, day: day)) * TradeLikeRows.microsPerDay
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.teardown = {
        trade.remove()
        dense.remove()
    }
    Benchmark("append: \(tradeFeed.events) trade events (\(tradeFeed.observations) observations) into a new store", configuration: heavy) {
        benchmark in
        for _ in benchmark.scaledIterations {
            benchmark.stopMeasurement()
            let directory = temporaryDirectory("append")
            let store = try! Store(directory: directory, create: true)
            benchmark.startMeasurement()
            blackHole(try! store.append(ndjson: tradeFeed.ndjson).stored)
            benchmark.stopMeasurement()
            removeTree(directory)
            benchmark.startMeasurement()
        }
    }
    Benchmark("append: \(denseFeed.events) dense events (\(denseFeed.observations) observations) into a new store", configuration: heavy) {
        benchmark in
        for _ in benchmark.scaledIterations {
            benchmark.stopMeasurement()
            let directory = temporaryDirectory("append")
            let store = try! Store(directory: directory, create: true)
            benchmark.startMeasurement()
            blackHole(try! store.append(ndjson: denseFeed.ndjson).stored)
            benchmark.stopMeasurement()
            removeTree(directory)
            benchmark.startMeasurement()
        }
    }
    Benchmark("replay: trade store (\(tradeFeed.observations) observations)", configuration: heavy) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try! trade.store.replay().observations)
        }
    }
    Benchmark("replay: dense store (\(denseFeed.observations) observations)", configuration: heavy) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try! dense.store.replay().observations)
        }
    }

    let one: [SeriesID] = [try! SeriesID("trade.c05.p03")]
    Benchmark("query: one trade series, latest vintage", configuration: query) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try! trade.store.points(of: one).count)
        }
    }
    Benchmark("query: one trade series, as of a date", configuration: query) { benchmark in
        let asOf = micros(2005, 7, 1) - 1
        for _ in benchmark.scaledIterations {
            blackHole(try! trade.store.points(of: one, PointQuery(asOf: asOf)).count)
        }
    }
    Benchmark("query: one trade series, first release", configuration: query) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try! trade.store.points(of: one, PointQuery(firstRelease: true)).count)
        }
    }
    Benchmark("query: last point of every trade series", configuration: query) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try! trade.store.points(PointQuery(latestOnly: true)).count)
        }
    }
    Benchmark("query: one country's trade series for a year (--where)", configuration: query) { benchmark in
        let filter = TagFilter(["country": "C07"])
        let year = PointQuery(from: micros(2008, 1, 1), to: micros(2009, 1, 1))
        for _ in benchmark.scaledIterations {
            blackHole(try! trade.store.points(where: filter, year).count)
        }
    }
    let denseOne: [SeriesID] = [try! SeriesID("dense.s00")]
    Benchmark("query: one dense series, one day of 10 s points", configuration: query) { benchmark in
        let day = PointQuery(from: micros(2025, 1, 3), to: micros(2025, 1, 4))
        for _ in benchmark.scaledIterations {
            blackHole(try! dense.store.points(of: denseOne, day).count)
        }
    }
    Benchmark("query: one dense series, whole range", configuration: query) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try! dense.store.points(of: denseOne).count)
        }
    }

    // The analytic half of the query set (issue 5's options), through Store.query.
    func analytic(
        _ name: String, _ store: @escaping @autoclosure () -> Store, _ series: [SeriesID], where filter: TagFilter = TagFilter(),
        _ make: @escaping () throws -> AnalyticQuery
    ) {
        Benchmark("query: \(name)", configuration: query) { benchmark in
            let q = try! make()
            let s = store()
            for _ in benchmark.scaledIterations {
                blackHole(rows(try! s.query(series, where: filter, q)))
            }
        }
    }
    analytic("year on year of one trade series, 10 years", trade.store, one) {
        try AnalyticQuery(points: PointQuery(from: micros(2000, 1, 1), to: micros(2010, 1, 1)), transform: .yoy)
    }
    analytic("sum of one country's series by product, a year", trade.store, [], where: TagFilter(["country": "C07"])) {
        try AnalyticQuery(points: PointQuery(from: micros(2008, 1, 1), to: micros(2009, 1, 1)), aggregate: .sum, groupBy: "product")
    }
    for aggregate in [Aggregate.avg, .min, .max, .count] {
        analytic("\(aggregate) of one dense series, whole range", dense.store, denseOne) {
            try AnalyticQuery(aggregate: aggregate)
        }
    }
    analytic("hourly avg of one dense series over a day", dense.store, denseOne) {
        try AnalyticQuery(
            points: PointQuery(from: micros(2025, 1, 3), to: micros(2025, 1, 4)), aggregate: .avg,
            bucket: Bucket(parsing: "1h"))
    }
    analytic("daily avg of one dense series, whole range", dense.store, denseOne) {
        try AnalyticQuery(aggregate: .avg, bucket: Bucket(parsing: "1d"))
    }
    analytic("sum over every dense point (group by kind)", dense.store, []) {
        try AnalyticQuery(aggregate: .sum, groupBy: "kind")
    }
}
