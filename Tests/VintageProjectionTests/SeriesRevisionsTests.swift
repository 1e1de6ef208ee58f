import Testing
import VintageCore

@testable import VintageFolds
@testable import VintageProjection

/// `revisions` counts the vintages that changed a period's value: a re-publication of the
/// same value (as a store fed one file per vintage holds for every period) is no revision,
/// and the latest value's release time is that of the vintage that set it.
@Suite struct SeriesRevisionsTests {
    static let day = Timestamp.microsecondsPerDay

    /// A row of the period starting on day `period`, released on day `released`.
    static func row(_ period: Int64, _ released: Int64, _ value: Double, seq: Int64, until: Int64 = .max) -> VintageRow {
        VintageRow(validTime: period * day, releasedAt: released * day, value: value, seq: seq, visibleFrom: seq, visibleUntil: until)
    }

    @Test func republicationsOfTheSameValueAreNoRevisions() {
        // Period 0: 10 published five times, changed once to 11 (day 3), then re-published.
        // Period 1: 5, 6, 6, 5 — changed twice; the latest value 5 was set on day 7, not day 1.
        let rows = [
            Self.row(0, 1, 10, seq: 1), Self.row(0, 2, 10, seq: 2), Self.row(0, 3, 11, seq: 3), Self.row(0, 4, 11, seq: 4),
            Self.row(0, 5, 11, seq: 5), Self.row(1, 5, 6, seq: 6), Self.row(1, 1, 5, seq: 7), Self.row(1, 7, 5, seq: 8),
            Self.row(1, 6, 6, seq: 9)
        ].reversed()
        let revisions = SeriesRevisions(series: SeriesID(unchecked: "de.gdp"), rows: rows, view: PointQuery())
        #expect(
            revisions.periods == [
                PeriodRevision(
                    validTime: 0, firstValue: 10, firstReleasedAt: 1 * Self.day, latestValue: 11, latestReleasedAt: 3 * Self.day, revisions: 1),
                PeriodRevision(
                    validTime: Self.day, firstValue: 5, firstReleasedAt: 1 * Self.day, latestValue: 5, latestReleasedAt: 7 * Self.day, revisions: 2)
            ])
    }

    @Test func aPeriodNeverChangedHasNoRevisionAndKeepsItsFirstRelease() {
        let rows = (1...80).map { Self.row(0, $0, 2.5, seq: $0) }
        let revisions = SeriesRevisions(series: SeriesID(unchecked: "x"), rows: rows, view: PointQuery())
        #expect(
            revisions.periods == [
                PeriodRevision(
                    validTime: 0, firstValue: 2.5, firstReleasedAt: Self.day, latestValue: 2.5,
                    latestReleasedAt: Self.day, revisions: 0)
            ])
    }

    @Test func onlyTheVintagesOfTheViewCount() {
        // A retracted vintage (visible until seq 5) between two equal ones does not split them;
        // --as-of cuts the later change off.
        let rows = [Self.row(0, 1, 1, seq: 1), Self.row(0, 2, 9, seq: 2, until: 5), Self.row(0, 3, 1, seq: 3), Self.row(0, 4, 2, seq: 4)]
        let now = SeriesRevisions(series: SeriesID(unchecked: "x"), rows: rows, view: PointQuery())
        #expect(now.periods.map { [$0.revisions, Int($0.latestReleasedAt / Self.day)] } == [[1, 4]])
        let asOf = SeriesRevisions(series: SeriesID(unchecked: "x"), rows: rows, view: PointQuery(asOf: 3 * Self.day))
        #expect(asOf.periods.map { [$0.revisions, Int($0.latestReleasedAt / Self.day)] } == [[0, 1]])
        let before = SeriesRevisions(series: SeriesID(unchecked: "x"), rows: rows, view: PointQuery(atSeq: 4))
        #expect(before.periods.map { [$0.revisions, Int($0.latestReleasedAt / Self.day)] } == [[3, 4]])
    }
}
