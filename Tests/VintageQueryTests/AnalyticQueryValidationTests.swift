import Testing
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
            .conflict(option: "--latest", other: "--agg", reason: "x"), .tooManyBuckets(count: 20_000_000, limit: 10_000_000),
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
