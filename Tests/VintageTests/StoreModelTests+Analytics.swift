import Testing
import Vintage
import VintageProjection
import VintageTestSupport

/// The analytic half of the store model test: random aggregates, buckets, fills, group-bys
/// and transforms, answered by the store (the projection's scans, chunk summaries included)
/// and by the same analytics engine over the model's plain points. VintageQueryTests prove
/// the engine against a plain reference over points; this proves that what the store hands
/// the engine — runs of columns and whole-chunk summaries, on all three time axes — amounts
/// to the model's points.
extension StoreModelTests {
    /// The model's points, handed to the analytics engine as one run of columns.
    struct ModelPointSource: SeriesPointSource {
        var view: Model.View

        mutating func points(of series: SeriesID, _ query: PointQuery) throws(ProjectionError) -> [VintagePoint] {
            Model.points(view, of: series, query)
        }

        mutating func scanPoints(
            of series: SeriesID, _ query: PointQuery,
            summarizing: (_ firstTime: Int64, _ lastTime: Int64) -> Bool,
            _ body: (PointRun) -> Void
        ) throws(ProjectionError) {
            var unbounded = query
            unbounded.latestOnly = false
            let points = Model.points(view, of: series, unbounded)
            guard !points.isEmpty else { return }
            let times = points.map(\.validTime), values = points.map(\.value)
            times.withUnsafeBufferPointer { t in values.withUnsafeBufferPointer { v in body(.points(times: t, values: v)) } }
        }
    }

    static let aggregates: [Aggregate] = [.count, .sum, .avg, .min, .max, .first, .last]
    static let buckets: [Bucket?] = [nil, nil] + ["1h", "1d", "7d", "1w", "1mo", "1q", "1y", "90m"].map { try! Bucket(parsing: $0) }
    static let groupTags = ["g", "h", "kind"]

    /// A random analytic query over a random point view; nil when the random options form a
    /// combination the query refuses (those refusals are tested in VintageQueryTests).
    static func randomAnalyticQuery(_ rng: inout SplitMix64, atSeq: Int64?) -> AnalyticQuery? {
        let from = rng.element(bounds), to = rng.element(bounds)
        if rng.pick(4) == 0 {
            // A point transform as first published, often: the base as known at the row's first release.
            let points = PointQuery(
                from: from, to: to, asOf: rng.element(asOfs), atSeq: atSeq, firstRelease: rng.pick(4) != 0, latestOnly: rng.pick(4) == 0)
            return try? AnalyticQuery(points: points, transform: rng.element([.yoy, .pop, .diff]))
        }
        let points = PointQuery(from: from, to: to, asOf: rng.element(asOfs), atSeq: atSeq, firstRelease: rng.flip())
        let aggregate = rng.pick(5) == 0 ? nil : rng.element(aggregates)
        let bucket = aggregate == nil ? nil : rng.element(buckets)
        let fill: Fill? = bucket != nil && from != nil && to != nil && rng.flip() ? rng.element([.prev, .linear]) : nil
        let groupBy = aggregate != nil && rng.pick(3) == 0 ? rng.element(groupTags) : nil
        let transform: Transform? = fill == nil && (aggregate == nil || bucket != nil) && rng.pick(3) == 0 ? rng.element([.yoy, .pop, .diff]) : nil
        return try? AnalyticQuery(points: points, aggregate: aggregate, bucket: bucket, fill: fill, groupBy: groupBy, transform: transform)
    }

    /// Whether two answers agree: equal rows, values equal to 1e-9 relative (a chunk's
    /// summary adds its points in another order than the model does).
    static func agree(_ a: AnalyticResult, _ b: AnalyticResult) -> Bool {
        func close(_ x: Double, _ y: Double) -> Bool {
            x == y || abs(x - y) <= 1e-9 * max(abs(x), abs(y)) || (x.isNaN && y.isNaN)
        }
        switch (a, b) {
        case let (.points(x), .points(y)):
            return x.count == y.count
                && zip(x, y).allSatisfy { s, t in
                    s.series == t.series && s.points.count == t.points.count
                        && zip(s.points, t.points).allSatisfy { p, q in
                            p.validTime == q.validTime && p.releasedAt == q.releasedAt && p.seq == q.seq && close(p.value, q.value)
                        }
                }
        case let (.aggregates(xs), .aggregates(ys)):
            let x = xs.flatMap(\.rows), y = ys.flatMap(\.rows)
            return x.count == y.count
                && zip(x, y).allSatisfy { r, s in
                    r.key == s.key && r.time == s.time && r.count == s.count && close(r.value, s.value)
                }
        default:
            return false
        }
    }

    /// Compares `queries` random analytic queries of the store with the engine over the model.
    static func compareAnalytics(_ store: Store, _ model: Model, rng: inout SplitMix64, queries: Int, label: String) throws {
        let last = model.lastSeq
        let now = model.view(atSeq: last)
        for _ in 0..<queries {
            let atSeq: Int64? = last == 0 || rng.flip() ? nil : Int64(1 + rng.pick(Int(last)))
            guard let query = randomAnalyticQuery(&rng, atSeq: atSeq) else { continue }
            let named = rng.flip() ? [] : (0...rng.pick(2)).map { _ in rng.element(allSeries) }
            let filter = rng.pick(3) == 0 ? rng.element(filters) : TagFilter()
            let view = atSeq.map { model.view(atSeq: $0) } ?? now
            let actual: Result<AnalyticResult, any Error>
            do { actual = .success(try store.query(named, where: filter, query)) } catch { actual = .failure(error) }
            guard let ids = Model.select(named, filter, in: view, now: now) else {
                guard case .failure(StoreError.invalidRequest) = actual else {
                    throw Mismatch(description: "\(label): analytic \(query) of \(named): the store answered \(actual) for an unknown series")
                }
                continue
            }
            var source = ModelPointSource(view: view)
            let selected = ids.map { SelectedSeries(id: $0, metadata: (view.metadata[$0] ?? now.metadata[$0])!) }
            let expected: AnalyticResult
            if query.aggregate == nil, query.transform != nil {
                // Point transforms (as first published, with --first-release) by the model itself.
                expected = .points(
                    selected.map {
                        SeriesPoints(series: $0.id, points: Model.transformed(view, of: $0.id, weekly: $0.metadata.frequency == .weekly, query))
                    })
            } else {
                expected = try query.run(on: &source, series: selected)
            }
            guard case .success(let answer) = actual, agree(answer, expected) else {
                throw Mismatch(
                    description:
                        "\(label): analytic \(query) of \(named) where \(filter.conditions.map { "\($0.key)=\($0.value)" })\n  store: \(actual)\n  model: \(expected)"
                )
            }
        }
    }
}
