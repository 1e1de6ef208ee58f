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
    /// A revision is a vintage whose value differs from the vintage before it: a
    /// re-publication of the same value at a later release time is no revision, and the
    /// latest value's release time is that of the vintage that set it.
    /// `firstRelease` and `latestOnly` of `view` are ignored.
    public init(series: SeriesID, rows: some Sequence<VintageRow>, view: PointQuery) {
        let admitted = rows.filter(view.admits).sorted { ($0.validTime, $0.releasedAt) < ($1.validTime, $1.releasedAt) }
        self.series = series
        self.periods = []
        var start = 0
        while start < admitted.count {
            let first = admitted[start]
            var latest = first, revisions = 0
            var end = start + 1
            while end < admitted.count && admitted[end].validTime == first.validTime {
                if admitted[end].value != latest.value {
                    latest = admitted[end]
                    revisions += 1
                }
                end += 1
            }
            periods.append(
                PeriodRevision(
                    validTime: first.validTime, firstValue: first.value, firstReleasedAt: first.releasedAt,
                    latestValue: latest.value, latestReleasedAt: latest.releasedAt, revisions: revisions))
            start = end
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
