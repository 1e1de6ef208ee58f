import VintageCore

/// The revisions of one series in a view: per period, its first and latest vintage
/// (``PeriodRevision``), and the series' mean absolute revision.
public struct SeriesRevisions: Hashable, Sendable {
    /// The series.
    public var series: SeriesID
    /// One entry per period with a vintage in the view, in valid-time order.
    public var periods: [PeriodRevision]

    /// Creates one.
    public init(series: SeriesID, periods: [PeriodRevision]) {
        self.series = series
        self.periods = periods
    }

    /// The revisions of `series` from its rows (in any order): the rows `view` admits —
    /// visible at its `atSeq` (or now), released by its `asOf`, inside its valid-time
    /// range — grouped by period, each period's vintages ordered by release time.
    /// `firstRelease` and `latestOnly` of `view` are ignored.
    public init(series: SeriesID, rows: some Sequence<VintageRow>, view: PointQuery) {
        var byPeriod: [Int64: (first: VintageRow, latest: VintageRow, count: Int)] = [:]
        for row in rows where view.admits(row) {
            guard var held = byPeriod[row.validTime] else {
                byPeriod[row.validTime] = (row, row, 1)
                continue
            }
            if row.releasedAt < held.first.releasedAt { held.first = row }
            if row.releasedAt > held.latest.releasedAt { held.latest = row }
            held.count += 1
            byPeriod[row.validTime] = held
        }
        self.series = series
        self.periods = byPeriod.keys.sorted().map { time in
            let p = byPeriod[time]!
            return PeriodRevision(validTime: time, firstValue: p.first.value, firstReleasedAt: p.first.releasedAt,
                                  latestValue: p.latest.value, latestReleasedAt: p.latest.releasedAt, revisions: p.count - 1)
        }
    }

    /// The mean of |revision| over the periods: the correctly rounded quotient of the exact
    /// sum of the exact revisions (see ``DecimalSum``); nil without periods.
    public var meanAbsoluteRevision: Double? {
        guard !periods.isEmpty else { return nil }
        var sum = DecimalSum()
        for p in periods { sum.add(p.exactRevision.magnitude) }
        return sum.quotient(dividingBy: periods.count)
    }
}
