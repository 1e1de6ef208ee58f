import Testing
import VintageCore
import VintageFolds
import VintageProjection

@testable import VintageQuery

/// `--first-release --transform`: the growth rate as first published — each row's base as
/// it was known when the row's point was first released — never a first release of one
/// period against the first release of another.
@Suite struct FirstReleaseTransformTests {
    static let gdp = s("de.gdp")
    static let quarterly = SelectedSeries(id: gdp, metadata: SeriesMetadata(frequency: .quarterly))

    /// Quarters as a statistical office publishes them: each release brings a new quarter and
    /// revises the one before, on the same day.
    static let vintages: [VintagePoint] = [
        point(p("2008-Q1"), 101.0, releasedAt: t("2008-05-15"), seq: 1),
        point(p("2008-Q3"), 100.0, releasedAt: t("2008-11-13"), seq: 2),
        point(p("2008-Q3"), 99.5, releasedAt: t("2009-02-13"), seq: 3),
        point(p("2008-Q4"), 97.9, releasedAt: t("2009-02-13"), seq: 4),
        point(p("2008-Q4"), 97.5, releasedAt: t("2009-05-15"), seq: 5),
        point(p("2009-Q1"), 93.8, releasedAt: t("2009-05-15"), seq: 6),
        point(p("2009-Q1"), 94.0, releasedAt: t("2009-08-13"), seq: 7),
        point(p("2009-Q2"), 94.2, releasedAt: t("2009-08-13"), seq: 8)
    ]

    func run(_ view: PointQuery, _ transform: Transform, aggregate: Aggregate? = nil, bucket: Bucket? = nil) throws -> [String] {
        let query = try AnalyticQuery(points: view, aggregate: aggregate, bucket: bucket, transform: transform)
        var source = ModelSource(series: [:], seed: 3, vintages: [Self.gdp: Self.vintages])
        let result = try query.run(on: &source, series: [Self.quarterly])
        var whole = view
        (whole.from, whole.to, whole.latestOnly) = (nil, nil, false)
        let selected = source.inRange(Self.gdp, whole)
        let admitted = Self.vintages.filter { $0.releasedAt <= view.asOf ?? .max }
        #expect(agree(result, Reference.run(query, series: [Self.quarterly], points: [Self.gdp: selected], vintages: [Self.gdp: admitted])))
        if case let .points(rows) = result {
            return rows.flatMap(\.points).map { "\(iso($0.validTime).prefix(10)) \(Self.r($0.value)) \(iso($0.releasedAt).prefix(10)) \($0.seq)" }
        }
        return brief(result)
    }

    /// The change in percent, rounded as ``r(_:)``.
    static func pct(_ value: Double, _ base: Double) -> Double { r((value - base) / abs(base) * 100) }

    /// `x` to nine decimals: expectations do not depend on how the last bits of a change are
    /// computed.
    static func r(_ x: Double) -> Double { (x * 1e9).rounded() / 1e9 }

    @Test func popIsTheGrowthRateAsFirstPublished() throws {
        // 2009-Q1 against 2008-Q4 as known on 15 May 2009 (97.5, revised that day), not its
        // first release (97.9); 2008-Q2 is missing, so 2008-Q3's base is 2008-Q1.
        #expect(
            try run(PointQuery(firstRelease: true), .pop) == [
                "2008-07-01 \(Self.pct(100.0, 101.0)) 2008-11-13 2",
                "2008-10-01 \(Self.pct(97.9, 99.5)) 2009-02-13 4",
                "2009-01-01 \(Self.pct(93.8, 97.5)) 2009-05-15 6",
                "2009-04-01 \(Self.pct(94.2, 94.0)) 2009-08-13 8"
            ])
        #expect(Self.pct(93.8, 97.5) != Self.pct(93.8, 97.9))
        // diff, from a base before --from, and --latest.
        #expect(
            try run(PointQuery(from: p("2009-Q1"), to: p("2009-Q2"), firstRelease: true), .diff) == ["2009-01-01 \(Self.r(93.8 - 97.5)) 2009-05-15 6"]
        )
        #expect(try run(PointQuery(firstRelease: true, latestOnly: true), .pop) == ["2009-04-01 \(Self.pct(94.2, 94.0)) 2009-08-13 8"])
        // Without --first-release: latest against latest, as before.
        #expect(
            try run(PointQuery(from: p("2009-Q1")), .pop) == [
                "2009-01-01 \(Self.pct(94.0, 97.5)) 2009-08-13 7", "2009-04-01 \(Self.pct(94.2, 94.0)) 2009-08-13 8"
            ])
    }

    @Test func asOfLimitsTheBaseToo() throws {
        // As known on 14 May 2009: 2009-Q1 is not yet out; 2008-Q4 as first published.
        #expect(try run(PointQuery(asOf: t("2009-05-14"), firstRelease: true), .diff).last == "2008-10-01 \(Self.r(97.9 - 99.5)) 2009-02-13 4")
    }

    @Test func aRowWhoseBaseWasNotYetPublishedIsOmitted() throws {
        // February first released after March: March's change as first published has no base.
        let monthly = SelectedSeries(id: s("m"), metadata: SeriesMetadata(frequency: .monthly))
        let vintages = [
            point(p("2026-01"), 10, releasedAt: t("2026-02-05"), seq: 1), point(p("2026-02"), 12, releasedAt: t("2026-04-10"), seq: 3),
            point(p("2026-03"), 15, releasedAt: t("2026-04-05"), seq: 2), point(p("2027-02"), 20, releasedAt: t("2027-03-05"), seq: 4),
            point(p("2027-03"), 30, releasedAt: t("2027-04-05"), seq: 5)
        ]
        func rows(_ transform: Transform, firstRelease: Bool = true) throws -> [String] {
            let query = try AnalyticQuery(points: PointQuery(firstRelease: firstRelease), transform: transform)
            var source = ModelSource(series: [:], seed: 5, vintages: [s("m"): vintages])
            let result = try query.run(on: &source, series: [monthly])
            #expect(
                agree(
                    result,
                    Reference.run(query, series: [monthly], points: [s("m"): source.inRange(s("m"), PointQuery())], vintages: [s("m"): vintages])))
            guard case let .points(series) = result else { return [] }
            return series.flatMap(\.points).map { "\(iso($0.validTime).prefix(7)) \(Self.r($0.value))" }
        }
        #expect(try rows(.diff) == ["2026-02 2.0", "2027-02 5.0", "2027-03 10.0"])
        #expect(try rows(.diff, firstRelease: false) == ["2026-02 2.0", "2026-03 3.0", "2027-02 5.0", "2027-03 10.0"])
        #expect(try rows(.yoy) == ["2027-02 \(Self.pct(20, 12))", "2027-03 100.0"])
        // As known on 6 April 2026, before February's first release.
        let query = try AnalyticQuery(points: PointQuery(asOf: t("2026-04-06"), firstRelease: true), transform: .pop)
        var source = ModelSource(series: [:], seed: 5, vintages: [s("m"): vintages])
        #expect(brief(try query.run(on: &source, series: [monthly])) == ["m 2026-03-01T00:00:00Z 50.0"])
    }

    @Test func bucketsAreBuiltFromFirstReleasesAndComparedAsUsual() throws {
        // With --agg --bucket the buckets hold first releases and compare with each other.
        #expect(
            try run(PointQuery(from: p("2009-Q1"), firstRelease: true), .pop, aggregate: .last, bucket: try Bucket(parsing: "1q"))
                .map { $0.split(separator: " ").map { Double($0).map { "\(Self.r($0))" } ?? String($0) }.joined(separator: " ") }
                == ["de.gdp 2009-01-01T00:00:00Z \(Self.pct(93.8, 97.9)) 1.0", "de.gdp 2009-04-01T00:00:00Z \(Self.pct(94.2, 93.8)) 1.0"])
    }
}
