import Testing
import VintageCore
import VintageFolds
import VintageProjection

@testable import VintageQuery

/// Hand-worked examples of each analytic option, including the calendar's edge cases.
@Suite struct AnalyticExampleTests {
    static func monthly(_ id: String, _ tags: [String: String] = [:], frequency: Frequency = .monthly) -> SelectedSeries {
        SelectedSeries(id: s(id), metadata: SeriesMetadata(frequency: frequency, tags: tags))
    }

    func run(_ query: AnalyticQuery, _ series: [SelectedSeries], _ points: [String: [VintagePoint]], summaries: Bool = true) throws -> [String] {
        var source = ModelSource(series: Dictionary(uniqueKeysWithValues: points.map { (s($0.key), $0.value) }), seed: 7)
        source.summaries = summaries
        let result = try query.run(on: &source, series: series)
        #expect(agree(result, Reference.run(query, series: series, points: source.series)))
        return brief(result)
    }

    /// The seed example: January 2026 exports year on year, as known on 2026-02-10.
    @Test func yearOnYearOfJanuaryExports() throws {
        let points = ["kr.exports.total": [point(p("2025-01"), 49.14e9), point(p("2025-12"), 64.0e9), point(p("2026-01"), 65.8e9, seq: 9)]]
        let query = try AnalyticQuery(points: PointQuery(from: p("2026-01"), to: p("2026-02")), transform: .yoy)
        var source = ModelSource(series: [s("kr.exports.total"): points["kr.exports.total"]!], seed: 1)
        guard case let .points(rows) = try query.run(on: &source, series: [Self.monthly("kr.exports.total")]) else {
            Issue.record("expected point rows")
            return
        }
        #expect(rows.count == 1 && rows[0].points.count == 1)
        #expect(rows[0].points[0].value == (65.8e9 / 49.14e9 - 1) * 100)
        #expect(rows[0].points[0].seq == 9 && rows[0].points[0].validTime == p("2026-01"))
    }

    @Test func popAndDiffReachBeforeTheRange() throws {
        let points = ["x": [point(p("2025-10"), 4), point(p("2025-12"), 5), point(p("2026-01"), 10), point(p("2026-02"), 0), point(p("2026-03"), 3)]]
        let range = PointQuery(from: p("2026-01"), to: p("2026-04"))
        #expect(
            try run(AnalyticQuery(points: range, transform: .diff), [Self.monthly("x")], points)
                == ["x 2026-01-01T00:00:00Z 5.0", "x 2026-02-01T00:00:00Z -10.0", "x 2026-03-01T00:00:00Z 3.0"])
        // A zero base omits the percentage.
        #expect(
            try run(AnalyticQuery(points: range, transform: .pop), [Self.monthly("x")], points)
                == ["x 2026-01-01T00:00:00Z 100.0", "x 2026-02-01T00:00:00Z -100.0"])
        // The first point of the series has no base.
        #expect(try run(AnalyticQuery(transform: .diff), [Self.monthly("x")], points).first == "x 2025-12-01T00:00:00Z 1.0")
        // --latest: the transform of the last point of the range.
        #expect(
            try run(AnalyticQuery(points: PointQuery(to: p("2026-03"), latestOnly: true), transform: .diff), [Self.monthly("x")], points)
                == ["x 2026-02-01T00:00:00Z -10.0"])
    }

    @Test func yearOnYearFromLeapDayAndISOWeek53() throws {
        let daily = ["d": [point(p("2023-02-28"), 10), point(p("2024-02-28"), 15), point(p("2024-02-29"), 20), point(p("2025-02-28"), 30)]]
        #expect(
            try run(AnalyticQuery(points: PointQuery(from: p("2024")), transform: .yoy), [Self.monthly("d", frequency: .daily)], daily)
                == ["d 2024-02-28T00:00:00Z 50.0", "d 2024-02-29T00:00:00Z 100.0", "d 2025-02-28T00:00:00Z 100.0"])
        let weekly = [
            "w": [
                point(p("2019-W52"), 1), point(p("2020-W52"), 2), point(p("2020-W53"), 3), point(p("2021-W01"), 4),
                point(p("2025-W52"), 5), point(p("2026-W52"), 10), point(p("2026-W53"), 6)
            ]
        ]
        #expect(
            try run(AnalyticQuery(transform: .yoy), [Self.monthly("w", frequency: .weekly)], weekly)
                == ["w 2020-12-21T00:00:00Z 100.0", "w 2026-12-21T00:00:00Z 100.0"])
    }

    @Test func aggregatesPerBucketAndForTheWholeRange() throws {
        let points = ["x": [point(t("2026-01-01T00:00:00Z"), 1), point(t("2026-01-01T00:30:00Z"), 2), point(t("2026-01-01T02:10:00Z"), 6)]]
        let hour = try Bucket(parsing: "1h")
        #expect(
            try run(AnalyticQuery(aggregate: .sum, bucket: hour), [Self.monthly("x")], points)
                == ["x 2026-01-01T00:00:00Z 3.0 2", "x 2026-01-01T02:00:00Z 6.0 1"])
        #expect(try run(AnalyticQuery(aggregate: .avg), [Self.monthly("x")], points) == ["x - 3.0 3"])
        for (aggregate, value) in [(Aggregate.count, 3.0), (.min, 1), (.max, 6), (.first, 1), (.last, 6)] {
            #expect(try run(AnalyticQuery(aggregate: aggregate), [Self.monthly("x")], points, summaries: false) == ["x - \(value) 3"])
        }
        // An empty range, and a range holding a single point.
        #expect(
            try run(AnalyticQuery(points: PointQuery(from: t("2026-02-01"), to: t("2026-03-01")), aggregate: .sum), [Self.monthly("x")], points) == []
        )
        #expect(
            try run(AnalyticQuery(points: PointQuery(from: t("2026-01-01T02:00:00Z")), aggregate: .sum, bucket: hour), [Self.monthly("x")], points)
                == ["x 2026-01-01T02:00:00Z 6.0 1"])
    }

    @Test func fillCarriesOrInterpolatesInsideTheRange() throws {
        let points = ["x": [point(p("2025-02"), 10), point(p("2025-05"), 40), point(p("2025-06"), 0)]]
        let range = PointQuery(from: p("2025-01"), to: p("2025-08"))
        let month = Bucket.calendarMonths(1)
        #expect(
            try run(AnalyticQuery(points: range, aggregate: .sum, bucket: month, fill: .prev), [Self.monthly("x")], points) == [
                "x 2025-02-01T00:00:00Z 10.0 1", "x 2025-03-01T00:00:00Z 10.0 0", "x 2025-04-01T00:00:00Z 10.0 0",
                "x 2025-05-01T00:00:00Z 40.0 1", "x 2025-06-01T00:00:00Z 0.0 1", "x 2025-07-01T00:00:00Z 0.0 0"
            ])
        // Linear by time: March has 28 days of the 89 between February and May.
        let linear = try run(AnalyticQuery(points: range, aggregate: .sum, bucket: month, fill: .linear), [Self.monthly("x")], points)
        #expect(linear.count == 5)
        #expect(linear[1] == "x 2025-03-01T00:00:00Z \(10 + 30 * (28.0 / 89)) 0")
        #expect(linear.last == "x 2025-06-01T00:00:00Z 0.0 1")
        // A series without points in the range has no rows, filled or not.
        #expect(
            try run(
                AnalyticQuery(points: PointQuery(from: p("2026"), to: p("2027")), aggregate: .sum, bucket: month, fill: .prev),
                [Self.monthly("x")], points) == [])
    }

    @Test func groupsAcrossSeriesWithFirstAndLastBySeriesIDOnTies() throws {
        let series = [Self.monthly("b", ["product": "cars"]), Self.monthly("a", ["product": "cars"]), Self.monthly("c")]
        let points = [
            "a": [point(p("2026-01"), 1), point(p("2026-02"), 2)],
            "b": [point(p("2026-01"), 10), point(p("2026-02"), 20)],
            "c": [point(p("2026-01"), 100)]
        ]
        #expect(try run(AnalyticQuery(aggregate: .sum, groupBy: "product"), series, points) == ["[] - 100.0 1", "[cars] - 33.0 4"])
        #expect(try run(AnalyticQuery(aggregate: .first, groupBy: "product"), series, points) == ["[] - 100.0 1", "[cars] - 1.0 4"])
        #expect(try run(AnalyticQuery(aggregate: .last, groupBy: "product"), series, points) == ["[] - 100.0 1", "[cars] - 20.0 4"])
        #expect(
            try run(AnalyticQuery(aggregate: .avg, bucket: .calendarMonths(1), groupBy: "product"), series, points)
                == ["[] 2026-01-01T00:00:00Z 100.0 1", "[cars] 2026-01-01T00:00:00Z 5.5 2", "[cars] 2026-02-01T00:00:00Z 11.0 2"])
    }

    @Test func transformsOfBuckets() throws {
        let points = [
            "x": [
                point(p("2024-12-15"), 5), point(p("2025-01-10"), 10), point(p("2025-01-20"), 10),
                point(p("2025-03-03"), 30), point(p("2026-01-05"), 40), point(p("2026-03-09"), 15)
            ]
        ]
        let month = Bucket.calendarMonths(1)
        #expect(
            try run(AnalyticQuery(points: PointQuery(from: p("2026")), aggregate: .sum, bucket: month, transform: .yoy), [Self.monthly("x")], points)
                == ["x 2026-01-01T00:00:00Z 100.0 1", "x 2026-03-01T00:00:00Z -50.0 1"])
        #expect(
            try run(
                AnalyticQuery(points: PointQuery(from: p("2025-02")), aggregate: .sum, bucket: month, transform: .diff), [Self.monthly("x")], points)
                == ["x 2025-03-01T00:00:00Z 10.0 1", "x 2026-01-01T00:00:00Z 10.0 1", "x 2026-03-01T00:00:00Z -25.0 1"])
    }
}
