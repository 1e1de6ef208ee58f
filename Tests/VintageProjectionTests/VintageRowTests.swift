import Testing
import VintageFolds
import VintageProjection

@Suite struct VintageRowTests {
    @Test func aRowIsVisibleFromItsFirstPositionUntilBeforeItsLast() {
        let row = VintageRow(validTime: 0, releasedAt: 0, value: 1, seq: 3, visibleFrom: 3, visibleUntil: 7)
        #expect(!row.isVisible(atSeq: 2))
        #expect(row.isVisible(atSeq: 3))
        #expect(row.isVisible(atSeq: 6))
        #expect(!row.isVisible(atSeq: 7))
        #expect(!row.isCurrent)
        #expect(VintageRow(validTime: 0, releasedAt: 0, value: 1, seq: 3, visibleFrom: 3).isCurrent)
    }

    @Test func aQuerySelectsTheLatestOrFirstReleaseAmongVisibleRows() {
        let rows = [
            VintageRow(validTime: 10, releasedAt: 100, value: 1, seq: 1, visibleFrom: 1),
            VintageRow(validTime: 10, releasedAt: 200, value: 2, seq: 2, visibleFrom: 2, visibleUntil: 4),
            VintageRow(validTime: 10, releasedAt: 200, value: 3, seq: 4, visibleFrom: 4),
            VintageRow(validTime: 20, releasedAt: 150, value: 5, seq: 3, visibleFrom: 3)
        ]
        #expect(PointQuery().points(in: rows).map(\.value) == [3, 5])
        #expect(PointQuery(atSeq: 3).points(in: rows).map(\.value) == [2, 5])
        #expect(PointQuery(atSeq: 1).points(in: rows).map(\.value) == [1])
        #expect(PointQuery(asOf: 199).points(in: rows).map(\.value) == [1, 5])
        #expect(PointQuery(firstRelease: true).points(in: rows).map(\.value) == [1, 5])
        #expect(PointQuery(to: 20).points(in: rows).map(\.value) == [3])
        #expect(PointQuery(from: 11).points(in: rows).map(\.value) == [5])
        #expect(PointQuery(latestOnly: true).points(in: rows).map(\.value) == [5])
        #expect(PointQuery(to: 20, latestOnly: true).points(in: rows).map(\.value) == [3])
        #expect(PointQuery(asOf: 99).points(in: rows).isEmpty)
    }
}
