import Testing
import VintageCore

@testable import VintageFolds

/// The correction note's rule, which both folds and the notes read back from the log use.
@Suite struct CorrectedFiguresTests {
    let c = EventID(unchecked: "c1")

    @Test func theNoteOfAPointIsTheFirstValueTheEventStatedThere() {
        var figures = CorrectedFigures<String>()
        figures.add(series: "a", validTime: 10, value: 1)
        figures.add(series: "a", validTime: 10, value: 2)
        figures.add(series: "b", validTime: 10, value: 3)
        #expect(figures.note(correction: c, series: "a", validTime: 10) == CorrectionNote(correction: c, originalValue: 1))
        #expect(figures.note(correction: c, series: "b", validTime: 10) == CorrectionNote(correction: c, originalValue: 3))
        // A point the event did not state (a release that gained an entry): no original value.
        #expect(figures.note(correction: c, series: "a", validTime: 20) == CorrectionNote(correction: c, originalValue: nil))
    }

    @Test func aSingleFigureMovedElsewhereKeepsItsOriginalValue() {
        var figures = CorrectedFigures<Int>()
        figures.add(series: 0, validTime: 10, value: 7)
        #expect(figures.note(correction: c, series: 1, validTime: 20) == CorrectionNote(correction: c, originalValue: 7))
        #expect(CorrectedFigures<Int>().note(correction: c, series: 0, validTime: 10).originalValue == nil)
    }
}
