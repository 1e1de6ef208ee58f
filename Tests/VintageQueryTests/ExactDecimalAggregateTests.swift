import PropertyBased
import Testing
import VintageCore
import VintageTestSupport

@testable import VintageFolds
@testable import VintageProjection
@testable import VintageQuery

/// Sums, averages and differences over a real projection are exact to the figures' decimals
/// and the same however the projection was built: appended in batches in any order (chunks,
/// chunk summaries and a head) or rebuilt by a replay (other chunks) — against a reference
/// in integer arithmetic on the figures' text.
@Suite struct ExactDecimalAggregateTests {
    /// Two daily series `a` and `b` (tag `g=x`), random figures, about a third of the points
    /// revised ten days later; the latest figure of each point by series.
    static func scenario(_ rng: inout SplitMix64) -> (lines: [String], latest: [String: [(day: Int64, figure: ReferenceFigure)]]) {
        var lines: [String] = []
        var latest: [String: [(day: Int64, figure: ReferenceFigure)]] = [:]
        let start = CivilDate(year: 2024, month: 1, day: 1).dayNumber
        for name in ["a", "b"] {
            for n in 0..<Int64(rng.next() % 200 + 60) where rng.next() % 5 != 0 {
                let day = start + n
                let period = String(Timestamp(microseconds: day * Timestamp.microsecondsPerDay).iso8601.prefix(10))
                var figure = rng.figure(maxDigits: 9, maxDecimals: 5)
                lines.append(
                    #"{"type":"observation","series":"\#(name)","period":"\#(period)","value":\#(figure.text),"released_at":"\#(period)T12:00:00Z"}"#)
                if rng.next() % 3 == 0 {
                    figure = rng.figure(maxDigits: 9, maxDecimals: 5)
                    let later = String(Timestamp(microseconds: (day + 10) * Timestamp.microsecondsPerDay).iso8601.prefix(10))
                    lines.append(
                        #"{"type":"observation","series":"\#(name)","period":"\#(period)","value":\#(figure.text),"released_at":"\#(later)T12:00:00Z"}"#
                    )
                }
                latest[name, default: []].append((day * Timestamp.microsecondsPerDay, figure))
            }
        }
        return (lines, latest)
    }

    static let definitions = """
        {"type":"series","series":"a","frequency":"daily","tags":{"g":"x"}}
        {"type":"series","series":"b","frequency":"daily","tags":{"g":"x"}}
        """

    /// A projection of `lines`: appended in random batches, caught up after each, in chunks
    /// of `rowsPerChunk` rows — or appended at once and rebuilt as `vintage replay` does.
    static func projection(
        in path: String, _ lines: [String], rowsPerChunk: Int, replay: Bool,
        _ rng: inout SplitMix64
    ) throws -> Projection {
        var log = MemoryLog()
        try log.append(definitions)
        var projection = try Projection.open(inStore: path)
        projection.writer = SeriesChunkWriter(rowsPerChunk: rowsPerChunk)
        try projection.catchUp(log: log, to: Int64(log.events.count))
        var k = 0
        while k < lines.count {
            let n = replay ? lines.count : Int(rng.next() % 90) + 1
            try log.append(lines[k..<min(k + n, lines.count)].joined(separator: "\n"))
            if !replay { try projection.catchUp(log: log, to: Int64(log.events.count)) }
            k += n
        }
        if replay { try projection.rebuild(log: log) }
        return projection
    }

    @Test func sumsAveragesAndDifferencesAreExactHoweverTheProjectionWasBuilt() async throws {
        await propertyCheck(count: 10, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            recordingErrors {
                var rng = SplitMix64(state: seed)
                let (lines, latest) = Self.scenario(&rng)
                var appended = lines, replayed = lines
                rng.shuffle(&appended)
                rng.shuffle(&replayed)
                try withScratchDirectory { first in
                    try withScratchDirectory { second in
                        var incremental = try Self.projection(in: first, appended, rowsPerChunk: Int(rng.next() % 30) + 4, replay: false, &rng)
                        var rebuilt = try Self.projection(in: second, replayed, rowsPerChunk: Int(rng.next() % 300) + 4, replay: true, &rng)
                        let metadata = incremental.metadata()
                        let series = metadata.keys.sorted().map { SelectedSeries(id: $0, metadata: metadata[$0]!) }
                        let a = series.filter { $0.id == s("a") }

                        func both(_ query: AnalyticQuery, _ selected: [SelectedSeries]) throws -> AnalyticResult {
                            let one = try query.run(on: &incremental, series: selected)
                            let other = try query.run(on: &rebuilt, series: selected)
                            // The logs hold the events in different orders: points differ in seq only.
                            #expect(
                                Self.withoutSeqs(one) == Self.withoutSeqs(other),
                                "\(query): incremental \(brief(one).prefix(6)) replayed \(brief(other).prefix(6))")
                            return one
                        }
                        func onlyValue(_ result: AnalyticResult) -> Double? {
                            guard case let .aggregates(rows) = result, rows.count == 1, rows[0].count == 1 else { return nil }
                            return rows[0].values[0]
                        }

                        // Whole-range sum and average of one series, and of the group of both.
                        let aFigures = latest["a"]!.map(\.figure), all = aFigures + latest["b"]!.map(\.figure)
                        for (figures, selected, groupBy) in [(aFigures, a, String?.none), (all, series, "g")] {
                            let (units, scale) = DecimalReference.sum(figures)
                            let sum = try both(AnalyticQuery(aggregate: .sum, groupBy: groupBy), selected)
                            #expect(
                                onlyValue(sum)?.bitPattern == Double(DecimalReference.text(units: units, scale: scale))!.bitPattern,
                                "sum \(onlyValue(sum) ?? .nan) ≠ \(DecimalReference.text(units: units, scale: scale))")
                            let avg = try both(AnalyticQuery(aggregate: .avg, groupBy: groupBy), selected)
                            let expected = Double(DecimalReference.ratioText(units, DecimalReference.power(scale) * Int64(figures.count)))!
                            #expect(onlyValue(avg)?.bitPattern == expected.bitPattern)
                        }
                        // Monthly sums: each bucket exact.
                        guard case let .aggregates(monthly) = try both(AnalyticQuery(aggregate: .sum, bucket: .calendarMonths(1)), a) else { return }
                        for k in 0..<monthly[0].count {
                            let start = monthly[0].times![k], end = Bucket.calendarMonths(1).next(after: start)
                            let (units, scale) = DecimalReference.sum(latest["a"]!.filter { $0.day >= start && $0.day < end }.map(\.figure))
                            #expect(monthly[0].values[k].bitPattern == Double(DecimalReference.text(units: units, scale: scale))!.bitPattern)
                        }
                        _ = try both(AnalyticQuery(aggregate: .avg, bucket: .isoWeek, groupBy: "g"), series)
                        // Differences between consecutive points: exact.
                        guard case let .points(diffs) = try both(AnalyticQuery(transform: .diff), a) else { return }
                        let points = latest["a"]!
                        #expect(diffs[0].points.count == points.count - 1)
                        for (k, row) in diffs[0].points.enumerated() {
                            let x = points[k + 1].figure, y = points[k].figure
                            let common = max(x.decimals, y.decimals)
                            let units = x.units * DecimalReference.power(common - x.decimals) - y.units * DecimalReference.power(common - y.decimals)
                            #expect(
                                row.value.bitPattern == Double(DecimalReference.text(units: units, scale: common))!.bitPattern,
                                "\(x.text) − \(y.text)")
                        }
                    }
                }
            }
        }
    }
}

extension ExactDecimalAggregateTests {
    static func withoutSeqs(_ result: AnalyticResult) -> AnalyticResult {
        guard case let .points(rows) = result else { return result }
        return .points(
            rows.map { row in
                SeriesPoints(
                    series: row.series,
                    points: row.points.map {
                        var p = $0; p.seq = 0; return p
                    })
            })
    }
}
