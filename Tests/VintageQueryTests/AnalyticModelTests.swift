import PropertyBased
import Testing
import VintageCore
import VintageProjection
import VintageTestSupport

@testable import VintageQuery

/// The engine, fed the points of random scenarios as random mixtures of column runs and
/// chunk summaries, must answer like the plain reference for every aggregate, bucket,
/// fill, transform and group-by.
@Suite struct AnalyticModelTests {
    @Test func engineAgreesWithTheReference() async {
        await propertyCheck(count: 600, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            recordingErrors {
                guard let scenario = Scenario.make(seed: seed) else { return }
                var source = ModelSource(series: scenario.points, seed: seed ^ 0x5DEECE66D, vintages: scenario.vintages)
                let engine = try scenario.query.run(on: &source, series: scenario.series)
                let reference = Reference.run(scenario.query, series: scenario.series, points: scenario.points, vintages: scenario.vintages)
                #expect(
                    agree(engine, reference),
                    "seed \(seed) \(scenario.query)\nengine \(brief(engine).prefix(40))\nreference \(brief(reference).prefix(40))")
            }
        }
    }

    /// Sums and means of arbitrary values agree to 1e-9 relative to the sum of magnitudes,
    /// whatever the mixture of runs and summaries.
    @Test func sumsOfFractionalValuesAgree() async {
        await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            recordingErrors {
                guard let scenario = Scenario.make(seed: seed, fractionalValues: true),
                    let aggregate = scenario.query.aggregate, scenario.query.transform == nil
                else { return }
                let scale = scenario.points.values.joined().reduce(0) { $0 + abs($1.value) }
                var source = ModelSource(series: scenario.points, seed: seed)
                let engine = try scenario.query.run(on: &source, series: scenario.series)
                let reference = Reference.run(scenario.query, series: scenario.series, points: scenario.points)
                _ = aggregate
                #expect(agree(engine, reference, scale: scale), "seed \(seed) \(scenario.query)")
            }
        }
    }

    /// The random scenarios reach every option with rows to compare.
    @Test func scenariosReachEveryOption() throws {
        var seen: Set<String> = []
        for seed in 0..<600 as Range<UInt64> {
            guard let scenario = Scenario.make(seed: seed) else { continue }
            let query = scenario.query
            let reference = Reference.run(query, series: scenario.series, points: scenario.points, vintages: scenario.vintages)
            guard !brief(reference).isEmpty else { continue }
            let firstRelease = query.points.firstRelease ? " first release" : ""
            seen.formUnion(
                [
                    query.aggregate.map { "agg \($0)" }, query.bucket.map { "bucket \($0)" }, query.fill.map { "fill \($0)" },
                    query.transform.map { "transform \($0)\(query.aggregate == nil ? "" : " of buckets")" },
                    query.transform.map { "transform \($0)\(query.aggregate == nil ? "" : " of buckets")\(firstRelease)" },
                    query.groupBy.map { _ in "group-by" }, query.points.latestOnly ? "latest" : nil
                ].compactMap { $0 })
        }
        let expected =
            Aggregate.allCases.map { "agg \($0)" } + Scenario.buckets.map { "bucket \(try! Bucket(parsing: $0))" }
            + Fill.allCases.map { "fill \($0)" }
            + Transform.allCases.flatMap {
                ["transform \($0)", "transform \($0) of buckets", "transform \($0) first release", "transform \($0) of buckets first release"]
            }
            + ["group-by", "latest"]
        #expect(Set(expected).subtracting(seen).isEmpty, "never reached: \(Set(expected).subtracting(seen).sorted())")
    }

    /// The random scenarios tell the growth rate as first published from a first release
    /// compared with another first release: with `--first-release`, many transforms differ
    /// from those over the first releases alone.
    @Test func firstReleaseTransformsDifferFromFirstAgainstFirst() throws {
        var differing = 0
        for seed in 0..<600 as Range<UInt64> {
            guard let scenario = Scenario.make(seed: seed), scenario.query.points.firstRelease, scenario.query.transform != nil,
                scenario.query.aggregate == nil
            else { continue }
            let asPublished = Reference.run(scenario.query, series: scenario.series, points: scenario.points, vintages: scenario.vintages)
            let firstAgainstFirst = Reference.run(scenario.query, series: scenario.series, points: scenario.points, vintages: scenario.points)
            if brief(asPublished) != brief(firstAgainstFirst) { differing += 1 }
        }
        #expect(differing > 10)
    }

    /// The scans really mix summaries into the runs the engine consumes.
    @Test func scansHandOutSummaries() throws {
        var handedOut = 0
        for seed in 0..<200 as Range<UInt64> {
            guard let scenario = Scenario.make(seed: seed), scenario.query.aggregate != nil else { continue }
            var source = ModelSource(series: scenario.points, seed: seed)
            _ = try scenario.query.run(on: &source, series: scenario.series)
            handedOut += source.summariesHandedOut
        }
        #expect(handedOut > 100)
    }
}
