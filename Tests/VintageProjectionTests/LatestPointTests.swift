import PropertyBased
import Testing
import VintageCore
import VintageTestSupport

@testable import VintageFiles
@testable import VintageFolds
@testable import VintageProjection

/// `--latest` (and the last point of a range) from the series' end: on random series laid out
/// as chunks (some overlapping, shuffled in the manifest) plus head rows and ended rows, the
/// one point ``Projection/points(of:_:)`` returns with `latestOnly` is the last point a full
/// selection over every row gives, on all three time axes and for first releases; and a
/// long series answers from its last chunk without decoding the others.
@Suite struct LatestPointTests {
    static let series = ProjectionScanTests.series

    @Test func latestEqualsTheLastPointOfAFullSelection() async {
        await propertyCheck(count: 200, input: Gen.int(in: 1...60), Gen.uint64(in: 0...UInt64.max)) { points, seed in
            recordingErrors {
                var rng = SplitMix64(state: seed)
                let (rows, lastSeq) = ProjectionScanTests.rows(points: points, rng: &rng)
                try withScratchDirectory { store in
                    var projection = try ProjectionScanTests.projection(in: store, rows: rows, rng: &rng)
                    // Few points decoded first, so that chunk tails are widened and cut by ranges.
                    projection.tailCache.firstPoints = [1, 2, 3, 16].randomElement(using: &rng)!
                    let span = Int64(points) * 10
                    let bounds: [Int64?] = [nil, nil, nil, -1, 0, 5, 10, span / 2, span / 2 + 1, span - 10, span - 9, span, span + 30]
                    for _ in 0..<30 {
                        let query = PointQuery(
                            from: bounds.randomElement(using: &rng)!, to: bounds.randomElement(using: &rng)!,
                            asOf: rng.next() % 2 == 0 ? nil : Int64.random(in: -1...span + 40, using: &rng),
                            atSeq: rng.next() % 2 == 0 ? nil : Int64.random(in: 0...lastSeq + 1, using: &rng),
                            firstRelease: rng.next() % 3 == 0, latestOnly: true)
                        var every = query
                        every.latestOnly = false
                        let expected = every.points(in: rows).last.map { [$0] } ?? []
                        #expect(try projection.points(of: Self.series, query) == expected, "\(query)")
                        #expect(query.points(in: rows) == expected)
                    }
                }
            }
        }
    }

    /// A long series of one row per point in many chunks: `--latest` decodes its last chunk
    /// only (or the chunks an `--as-of` or `--to` reaches back to), whatever the manifest's order.
    @Test func latestReadsOnlyTheChunksItNeeds() throws {
        var rng = SplitMix64(state: 7)
        let rows = (0..<400).map { p -> VintageRow in
            let t = Int64(p) * 10
            return VintageRow(validTime: t, releasedAt: t + 5, value: Double(p), seq: Int64(p + 1), visibleFrom: Int64(p + 1))
        }
        try withScratchDirectory { store in
            var projection = Projection.empty(in: try ProjectionDirectory.open(inStore: store))
            projection.writer = SeriesChunkWriter(rowsPerChunk: 40)
            var statuses = try StatusTable()
            let references = try projection.writeChunks(of: rows, series: Self.series, statuses: &statuses)
            #expect(references.count == 10)
            projection.manifest.series[Self.series] = ProjectionManifest.Series(chunks: references.shuffled(using: &rng), statuses: statuses.codeList)
            projection.heads[Self.series] = SeriesHead()
            projection.dirtySeries.insert(Self.series)
            try projection.commit()

            func decodedChunks(_ query: PointQuery) throws -> (points: [VintagePoint], decoded: Int) {
                var reopened = try Projection.open(inStore: store)
                let points = try reopened.points(of: Self.series, query)
                return (points, references.filter { reopened.rowCache[$0.location] != nil || reopened.openedChunks[$0.location] != nil }.count)
            }
            let latest = try decodedChunks(PointQuery(latestOnly: true))
            #expect(latest.points.map(\.validTime) == [3990])
            #expect(latest.decoded == 1)
            // The last point before 1,000: in the third chunk (valid times 800...1190).
            let ranged = try decodedChunks(PointQuery(to: 1000, latestOnly: true))
            #expect(ranged.points.map(\.validTime) == [990])
            #expect(ranged.decoded == 1)
            // Nothing of the last two chunks is released by 3,205: they are skipped unread.
            let asOf = try decodedChunks(PointQuery(asOf: 3205, latestOnly: true))
            #expect(asOf.points.map(\.validTime) == [3200])
            #expect(asOf.decoded == 1)
        }
    }
}
