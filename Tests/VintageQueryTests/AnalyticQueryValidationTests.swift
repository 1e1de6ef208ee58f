import Testing
import VintageFolds
import VintageProjection

@testable import VintageQuery

/// Impossible combinations of options are refused with one line naming the options.
@Suite struct AnalyticQueryValidationTests {
    static let month = Bucket.calendarMonths(1)

    @Test func optionsThatNeedAnAggregate() {
        #expect(throws: AnalyticQueryError.needs(option: "--bucket", other: "--agg")) { try AnalyticQuery(bucket: Self.month) }
        #expect(throws: AnalyticQueryError.needs(option: "--group-by", other: "--agg")) { try AnalyticQuery(groupBy: "product") }
        #expect(throws: AnalyticQueryError.needs(option: "--fill", other: "--agg")) { try AnalyticQuery(fill: .prev) }
    }

    @Test func fillNeedsABucketAndAClosedRange() {
        #expect(throws: AnalyticQueryError.needs(option: "--fill", other: "--bucket")) {
            try AnalyticQuery(points: PointQuery(from: p("2025"), to: p("2026")), aggregate: .sum, fill: .prev)
        }
        #expect(throws: AnalyticQueryError.needs(option: "--fill", other: "--from and --to")) {
            try AnalyticQuery(points: PointQuery(from: p("2025")), aggregate: .sum, bucket: Self.month, fill: .linear)
        }
        #expect(throws: AnalyticQueryError.needs(option: "--fill", other: "--from and --to")) {
            try AnalyticQuery(points: PointQuery(to: p("2025")), aggregate: .sum, bucket: Self.month, fill: .linear)
        }
        #expect(throws: AnalyticQueryError.self) {
            try AnalyticQuery(points: PointQuery(from: p("1900"), to: p("2100")), aggregate: .sum, bucket: try Bucket(parsing: "1m"), fill: .prev)
        }
        #expect(throws: Never.self) {
            try AnalyticQuery(points: PointQuery(from: p("2025"), to: p("2026")), aggregate: .sum, bucket: Self.month, fill: .prev)
        }
    }

    @Test func refusedCombinations() {
        #expect(throws: AnalyticQueryError.self) { try AnalyticQuery(points: PointQuery(latestOnly: true), aggregate: .last) }
        #expect(throws: AnalyticQueryError.self) { try AnalyticQuery(aggregate: .sum, transform: .yoy) }
        #expect(throws: AnalyticQueryError.self) {
            try AnalyticQuery(points: PointQuery(from: p("2025"), to: p("2026")), aggregate: .sum, bucket: Self.month, fill: .prev, transform: .pop)
        }
        #expect(throws: Never.self) { try AnalyticQuery(points: PointQuery(latestOnly: true), transform: .yoy) }
        #expect(throws: Never.self) { try AnalyticQuery(aggregate: .sum, bucket: Self.month, groupBy: "flow", transform: .diff) }
    }

    @Test func messagesAreOneLineNamingTheOptions() {
        let errors: [AnalyticQueryError] = [
            .needs(option: "--fill", other: "--from and --to"), .badAggregate("median"), .badFill("next"), .badTransform("mom"),
            .conflict(option: "--latest", other: "--agg", reason: "x"), .tooManyBuckets(count: 20_000_000, limit: 10_000_000)
        ]
        for error in errors {
            #expect(!error.description.contains("\n"))
            #expect(error.description.hasPrefix("--"))
        }
        #expect(throws: AnalyticQueryError.badAggregate("median")) { try Aggregate(parsing: "median") }
        #expect(throws: AnalyticQueryError.badFill("next")) { try Fill(parsing: "next") }
        #expect(throws: AnalyticQueryError.badTransform("mom")) { try Transform(parsing: "mom") }
        #expect(AnalyticQueryError.needs(option: "--fill", other: "--from and --to").description == "--fill needs --from and --to")
    }

    @Test func isAnalyticOnlyWithAnAggregateOrATransform() throws {
        #expect(try !AnalyticQuery(points: PointQuery(from: 0, latestOnly: true)).isAnalytic)
        #expect(try AnalyticQuery(aggregate: .count).isAnalytic)
        #expect(try AnalyticQuery(transform: .diff).isAnalytic)
    }
}

/// Bounds far outside the years a valid time can have change nothing and crash nothing.
@Suite struct ExtremeBoundsTests {
    @Test func extremeBoundsAnswerLikeOpenOnes() throws {
        let points = [s("x"): [point(p("1999-12"), 2), point(p("2000-01"), 3), point(p("2001-01"), 6)]]
        let series = [SelectedSeries(id: s("x"), metadata: SeriesMetadata(frequency: .monthly))]
        for (aggregate, bucket, transform) in [
            (Aggregate?.some(.sum), Bucket?.some(.calendarMonths(1)), Transform?.none),
            (.sum, .calendarMonths(12), .yoy), (.last, try Bucket(parsing: "7d"), .pop),
            (.count, .isoWeek, .diff), (nil, nil, .yoy), (nil, nil, .diff)
        ] {
            let extreme = try AnalyticQuery(points: PointQuery(from: .min, to: .max), aggregate: aggregate, bucket: bucket, transform: transform)
            let open = try AnalyticQuery(aggregate: aggregate, bucket: bucket, transform: transform)
            var source = ModelSource(series: points, seed: 3)
            #expect(agree(try extreme.run(on: &source, series: series), try open.run(on: &source, series: series)))
        }
        #expect(throws: AnalyticQueryError.self) {
            try AnalyticQuery(points: PointQuery(from: .min, to: .max), aggregate: .sum, bucket: try Bucket(parsing: "1m"), fill: .prev)
        }
        #expect(throws: Never.self) {
            try AnalyticQuery(points: PointQuery(from: .min, to: .max), aggregate: .sum, bucket: .calendarMonths(1), fill: .prev)
        }
    }
}
