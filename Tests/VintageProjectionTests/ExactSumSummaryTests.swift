import PropertyBased
import Testing
import VintageCore
import VintageTestSupport

@testable import VintageFiles
@testable import VintageFolds
@testable import VintageProjection

/// A chunk summary records the exact decimal sum of its points, reads it back unchanged,
/// and a summary written before exact sums (a double sum) is not used.
@Suite struct ExactSumSummaryTests {
    @Test func aSummaryRecordsTheExactSum() throws {
        let rows = [408515.6, 0.1, 0.2, -0.3].enumerated().map { k, v in
            VintageRow(validTime: Int64(k) * 10, releasedAt: 5, value: v, seq: Int64(k + 1), visibleFrom: Int64(k + 1))
        }
        let summary = ChunkSummary(rows: rows)
        let points = try #require(summary.latest?.points)
        #expect(points.exactSum.isExact && points.sum == 408515.6)
        let decoded = try #require(ChunkSummary(summary.bytes)?.latest?.points)
        #expect(decoded.exactSum.description == "408515.6")
        #expect(decoded == points)
    }

    @Test func exactSumsOfAnySizeAndInexactSumsRoundTrip() async {
        await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            recordingErrors {
                var rng = SplitMix64(state: seed)
                let pool: [Double] = [1e-7, 0.1, -4.25, 123456.789, 1.2345678901234567e19, 1e300, 1e-300, -0.0, 65.8e9, 0.30000000000000004]
                let values = (0..<Int(rng.next() % 30) + 1).map { _ in pool[Int(rng.next() % UInt64(pool.count))] }
                let rows = values.enumerated().map { k, v in
                    VintageRow(validTime: Int64(k), releasedAt: 5, value: v, seq: Int64(k + 1), visibleFrom: Int64(k + 1))
                }
                let summary = ChunkSummary(rows: rows)
                let points = try #require(summary.latest?.points)
                #expect(points.exactSum == DecimalSum(values))
                let decoded = try #require(ChunkSummary(summary.bytes))
                #expect(decoded == summary)
                #expect(decoded.latest?.points?.sum.bitPattern == points.sum.bitPattern)
            }
        }
    }

    @Test func aLatestViewWithADoubleSumIsNotRead() {
        // The layout before exact sums: flags without bit 4, then five doubles.
        var w = ManifestByteWriter()
        w.i64(10)
        w.i64(20)
        w.u8(1 | 2 | 4)
        w.varInt(5)
        w.varInt(3)
        w.varUInt(2)
        w.varUInt(0)
        w.varUInt(0)
        for v in [408515.69999999995, 0.1, 408515.6, 408515.6, 0.1] { w.i64(Int64(bitPattern: v.bitPattern)) }
        // The range still prunes; the view (and its sum) is left out, so queries read the chunk.
        #expect(ChunkSummary(w.bytes) == ChunkSummary(first: 10, last: 20))
    }
}
