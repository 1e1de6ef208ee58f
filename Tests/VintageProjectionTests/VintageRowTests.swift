import Testing
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
}
