import PropertyBased
import Testing
import VintageCore
import VintageProjection
@testable import VintageQuery

/// The engine, fed the points of random scenarios as random mixtures of column runs and
/// chunk summaries, must answer like the plain reference for every aggregate, bucket,
/// fill, transform and group-by.
@Suite struct AnalyticModelTests {
    @Test func engineAgreesWithTheReference() async {
        await propertyCheck(count: 600, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            guard let scenario = Scenario.make(seed: seed) else { return }
            var source = ModelSource(series: scenario.points, seed: seed ^ 0x5DEECE66D)
            let engine = try scenario.query.run(on: &source, series: scenario.series)
            let reference = Reference.run(scenario.query, series: scenario.series, points: scenario.points)
            #expect(agree(engine, reference), "seed \(seed) \(scenario.query)\nengine \(brief(engine).prefix(40))\nreference \(brief(reference).prefix(40))")
        }
    }

    /// Sums and means of arbitrary values agree to 1e-9 relative to the sum of magnitudes,
    /// whatever the mixture of runs and summaries.
    @Test func sumsOfFractionalValuesAgree() async {
        await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            guard let scenario = Scenario.make(seed: seed, fractionalValues: true),
                  let aggregate = scenario.query.aggregate, scenario.query.transform == nil else { return }
            let scale = scenario.points.values.joined().reduce(0) { $0 + abs($1.value) }
            var source = ModelSource(series: scenario.points, seed: seed)
            let engine = try scenario.query.run(on: &source, series: scenario.series)
            let reference = Reference.run(scenario.query, series: scenario.series, points: scenario.points)
            _ = aggregate
            #expect(agree(engine, reference, scale: scale), "seed \(seed) \(scenario.query)")
        }
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
