import Vintage
import VintageTestSupport

extension StoreModelTests {
    /// SPEC.md's rules written plainly (the model every model test shares).
    typealias Model = ReferenceModel
}

/// The model's answers to what only the store offers: append warnings, the selection of a
/// query's series, revisions and transforms.
extension ReferenceModel {
    /// The warning an append of `correction` gives now: the release it restates loses
    /// figures (points of the current content the replacement does not state).
    func warning(for correction: Correction, line: Int) -> AppendWarning? {
        guard let target = entry(correction.target), case .release(let old)? = current[target.seq],
            case .release(let new) = correction.replacement
        else { return nil }
        let kept = Set(new.entries.map { "\($0.series) \($0.period.start.microseconds)" })
        let dropped = old.entries.filter { !kept.contains("\($0.series) \($0.period.start.microseconds)") }
        guard !dropped.isEmpty else { return nil }
        return .correctionDropsFigures(line: line, target: correction.target, figures: dropped.count, series: Set(dropped.map(\.series)).sorted())
    }

    /// The series a query selects (named ones must be defined now; nil: refused).
    static func select(_ named: [SeriesID], _ filter: TagFilter, in view: View, now: View) -> [SeriesID]? {
        guard named.allSatisfy({ now.metadata[$0] != nil }) else { return nil }
        let candidates = named.isEmpty ? view.metadata.keys.sorted() : Set(named).sorted()
        return candidates.filter { filter.matches((view.metadata[$0] ?? now.metadata[$0])!.tags) }
    }

    /// Per period of `series` in `from..<to`: the earliest vintage released by `asOf`, the
    /// latest value and the earliest release of the last run of vintages with that value,
    /// and how many vintages changed the value from the one before (a re-publication of the
    /// same value is no revision); plus the mean |latest − first|.
    static func revisions(_ view: View, of series: SeriesID, _ q: PointQuery) -> (SeriesRevisions, Double?) {
        var periods: [PeriodRevision] = []
        for (t, releases) in (view.vintages[series] ?? [:]).sorted(by: { $0.key < $1.key }) {
            if let from = q.from, t < from { continue }
            if let to = q.to, t >= to { continue }
            let admitted = releases.filter { q.asOf == nil || $0.key <= q.asOf! }.sorted { $0.key < $1.key }
            guard let first = admitted.first, let latest = admitted.last else { continue }
            let changes = zip(admitted, admitted.dropFirst()).filter { $0.value.value != $1.value.value }.count
            let setter = admitted.last { $0.value.value != latest.value.value }.flatMap { before in admitted.first { $0.key > before.key } } ?? first
            periods.append(
                PeriodRevision(
                    validTime: t, firstValue: first.value.value, firstReleasedAt: first.key,
                    latestValue: latest.value.value, latestReleasedAt: setter.key, revisions: changes))
        }
        // Exact decimal arithmetic (SPEC.md): |latest − first| summed exactly, divided once.
        let exact = periods.reduce(DecimalSum()) { sum, p in
            var s = sum
            s.add(DecimalSum.difference(p.latestValue, p.firstValue).magnitude)
            return s
        }
        let mean = periods.isEmpty ? nil : exact.quotient(dividingBy: periods.count)
        return (SeriesRevisions(series: series, periods: periods), mean)
    }

    /// The rows of a point query with `--transform` over `series`, plainly: the points the
    /// query selects in the whole series; per point in the range its base — the point a
    /// year earlier (same ISO week for weekly series) or the previous point — and the
    /// change from the base's value: the selected one, or with `--first-release` the base
    /// as known when the row's point was first released (its latest vintage released by
    /// then and by `asOf`; no row when there was none). With `latestOnly`, the row of the
    /// range's last point only.
    static func transformed(_ view: View, of series: SeriesID, weekly: Bool, _ q: AnalyticQuery) -> [VintagePoint] {
        var whole = q.points
        (whole.from, whole.to, whole.latestOnly) = (nil, nil, false)
        let all = points(view, of: series, whole)
        let range = all.filter { p in (q.points.from.map { p.validTime >= $0 } ?? true) && (q.points.to.map { p.validTime < $0 } ?? true) }
        var rows: [VintagePoint] = []
        for p in range {
            let base: VintagePoint?
            if q.transform == .yoy {
                let earlier = YearEarlier.time(before: p.validTime, isoWeeks: weekly)
                base = all.first { $0.validTime == earlier }
            } else {
                base = all.last { $0.validTime < p.validTime }
            }
            guard let base else { continue }
            var baseValue: Double? = base.value
            if q.points.firstRelease {
                let known = (view.vintages[series]?[base.validTime] ?? [:]).filter { $0.key <= min(p.releasedAt, q.points.asOf ?? .max) }
                baseValue = known.max { $0.key < $1.key }?.value.value
            }
            guard let b = baseValue else { continue }
            var row = p
            if q.transform == .diff {
                row.value = p.value - b
            } else {
                guard b != 0 else { continue }
                row.value = (p.value - b) / abs(b) * 100
            }
            rows.append(row)
        }
        if q.points.latestOnly { rows = rows.filter { $0.validTime == range.last?.validTime } }
        return rows
    }
}
