import PropertyBased
import Testing
import VintageCore
import VintageFolds
import VintageProjection
import VintageTestSupport

/// The one-pass selection over sorted rows that point queries use on decoded chunks must
/// answer exactly like ``PointQuery/points(in:)``, on the rows of random valid logs and for
/// queries on all three time axes, with some rows' ends moved into ``EndedRows``.
@Suite struct SortedRowSelectionTests {
    @Test func sortedSelectionEqualsTheGeneralOne() async {
        await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max).array(of: 1...40), Gen.uint64(in: 0...UInt64.max)) { codes, seed in
            let log = FoldModelTests.validLog(codes)
            var fold = VintageFold()
            for e in log { fold.apply(e.event, id: e.id, seq: e.seq) }
            var rng = SplitMix64(state: seed)
            for series in FoldModelTests.series {
                let rows = fold.rows(of: series).sorted { $0.key < $1.key }
                // Half the ended rows are stored as current with their end kept aside, as
                // chunks written before a correction are.
                var stored = rows
                var ended = EndedRows()
                for i in stored.indices where !stored[i].isCurrent && rng.next() % 2 == 0 {
                    ended.end(stored[i].key, at: stored[i].visibleUntil)
                    stored[i].visibleUntil = .max
                }
                for _ in 0..<8 {
                    let last = log.last?.seq ?? 0
                    let query = PointQuery(
                        from: FoldModelTests.bounds.randomElement(using: &rng)!,
                        to: FoldModelTests.bounds.randomElement(using: &rng)!,
                        asOf: FoldModelTests.asOfs.randomElement(using: &rng)!,
                        atSeq: rng.next() % 3 == 0 ? nil : Int64(rng.next() % UInt64(last + 1)),
                        firstRelease: rng.next() % 2 == 0, latestOnly: rng.next() % 4 == 0)
                    #expect(query.points(inSorted: stored, ended: ended) == query.points(in: rows), "\(query)")
                }
            }
        }
    }
}
