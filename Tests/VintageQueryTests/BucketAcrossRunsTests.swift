import Testing
import VintageCore
import VintageFolds
import VintageProjection

@testable import VintageQuery

/// A bucket whose points come in several runs — columns, then a chunk summary, then columns
/// again, as a scan hands out a bucket that crosses chunk boundaries — is one row.
@Suite struct BucketAcrossRunsTests {
    /// A source that hands out the runs it was given, in order, whatever the query.
    struct ScriptedSource: SeriesPointSource {
        enum Run {
            case points([Int64], [Double])
            case summary([Int64], [Double])
        }
        var runs: [Run]

        mutating func points(of series: SeriesID, _ query: PointQuery) throws(ProjectionError) -> [VintagePoint] { [] }

        mutating func scanPoints(
            of series: SeriesID, _ query: PointQuery, summarizing: (Int64, Int64) -> Bool,
            _ body: (PointRun) -> Void
        ) throws(ProjectionError) {
            for run in runs {
                switch run {
                case let .points(times, values):
                    times.withUnsafeBufferPointer { t in values.withUnsafeBufferPointer { v in body(.points(times: t, values: v)) } }
                case let .summary(times, values):
                    #expect(summarizing(times[0], times[times.count - 1]), "a summary the engine would not allow")
                    body(.summary(ModelSource.summary(of: zip(times, values).map { point($0, $1) })))
                }
            }
        }
    }

    @Test func aWeekSpreadOverThreeRuns() throws {
        // ISO week 2026-W01 runs from Monday 2025-12-29 to Sunday 2026-01-04.
        let source = ScriptedSource(runs: [
            .points([p("2025-12-22"), p("2025-12-29"), p("2025-12-30")], [1, 2, 3]),
            .summary([p("2025-12-31"), p("2026-01-01")], [4, 5]),
            .points([p("2026-01-04"), p("2026-01-05")], [6, 7])
        ])
        let series = [SelectedSeries(id: s("x"), metadata: SeriesMetadata())]
        var expected: [Aggregate: [String]] = [
            .sum: ["x 2025-12-22T00:00:00Z 1.0 1", "x 2025-12-29T00:00:00Z 20.0 5", "x 2026-01-05T00:00:00Z 7.0 1"],
            .min: ["x 2025-12-22T00:00:00Z 1.0 1", "x 2025-12-29T00:00:00Z 2.0 5", "x 2026-01-05T00:00:00Z 7.0 1"],
            .max: ["x 2025-12-22T00:00:00Z 1.0 1", "x 2025-12-29T00:00:00Z 6.0 5", "x 2026-01-05T00:00:00Z 7.0 1"],
            .first: ["x 2025-12-22T00:00:00Z 1.0 1", "x 2025-12-29T00:00:00Z 2.0 5", "x 2026-01-05T00:00:00Z 7.0 1"],
            .last: ["x 2025-12-22T00:00:00Z 1.0 1", "x 2025-12-29T00:00:00Z 6.0 5", "x 2026-01-05T00:00:00Z 7.0 1"],
            .avg: ["x 2025-12-22T00:00:00Z 1.0 1", "x 2025-12-29T00:00:00Z 4.0 5", "x 2026-01-05T00:00:00Z 7.0 1"]
        ]
        expected[.count] = ["x 2025-12-22T00:00:00Z 1.0 1", "x 2025-12-29T00:00:00Z 5.0 5", "x 2026-01-05T00:00:00Z 1.0 1"]
        for aggregate in Aggregate.allCases {
            var scripted = source
            let result = try AnalyticQuery(aggregate: aggregate, bucket: .isoWeek).run(on: &scripted, series: series)
            #expect(brief(result) == expected[aggregate], "\(aggregate)")
        }
        // Whole-range: one row over all three runs.
        var scripted = source
        #expect(brief(try AnalyticQuery(aggregate: .sum).run(on: &scripted, series: series)) == ["x - 28.0 7"])
    }
}
