import PropertyBased
import Testing

@testable import VintageProjection

/// The event steps a series chunk stores, chosen by counting zeros only where the two
/// prediction modes differ, against the definition: both modes' steps made in full, the
/// one with more zeros kept (by point on a tie).
@Suite("Series chunk event steps")
struct SeriesChunkStepsTests {
    /// Both modes' steps made in full, the one with more zeros kept (by point on a tie).
    static func reference(_ indices: [Int], pointRows: [Int64]) -> [Int64] {
        func steps(_ mode: SeriesChunk.StepMode) -> [Int64] { SeriesChunk.eventSteps(indices, pointRows: pointRows, mode: mode) }
        let byPoint = steps(.afterPreviousPoint), byRow = steps(.afterPreviousRow)
        func zeros(_ s: [Int64]) -> Int { s.reduce(0) { $0 + ($1 == 0 ? 1 : 0) } }
        return zeros(byRow) > zeros(byPoint) ? byRow : byPoint
    }

    @Test("the steps kept are those of the mode with more zeros, as when both are made in full")
    func stepsMatchDefinition() async {
        // Points of 1...4 rows; each row's event one after the row before, one after the
        // previous point's first, or anywhere among those seen so far plus one.
        await propertyCheck(count: 500, input: Gen.int(in: 1...4).array(of: 0...40), Gen.int(in: 0...9).array(of: 160...160)) { sizes, choices in
            var indices: [Int] = [], events = 0, firstOfPrevious = -1, k = 0
            for size in sizes {
                for r in 0..<size {
                    let c = choices[k % choices.count]
                    k += 1
                    let index: Int
                    if c < 4 {
                        index = (indices.last ?? -1) + 1
                    } else if c < 7 && r == 0 {
                        index = firstOfPrevious + 1
                    } else {
                        index = events == 0 ? 0 : (c * 7919 + k) % (events + 1)
                    }
                    indices.append(Swift.max(0, index))
                    events = Swift.max(events, index + 1)
                }
                firstOfPrevious = indices[indices.count - size]
            }
            if !indices.isEmpty { indices[0] = 0 }
            let pointRows = sizes.map(Int64.init)
            #expect(SeriesChunk.eventSteps(indices, pointRows: pointRows) == Self.reference(indices, pointRows: pointRows))
        }
    }

    @Test("rows that each bring a new event choose prediction after the row before")
    func byRowWins() {
        // Points of two rows, events 0, 1, 2, …: by row every step is 0.
        let indices = Array(0..<8), pointRows: [Int64] = [2, 2, 2, 2]
        #expect(SeriesChunk.eventSteps(indices, pointRows: pointRows) == [1, 0, 0, 0, 0, 0, 0, 0])
        #expect(Self.reference(indices, pointRows: pointRows) == [1, 0, 0, 0, 0, 0, 0, 0])
    }
}
