import VintageCore
import VintageFolds
import VintageProjection

/// The model's views of the log at a position, and the answers of the queries SPEC.md
/// describes, computed from them as plainly as possible.
extension ReferenceModel {
    /// An original event's content as it stands at a log position: its own, or its latest
    /// correction's replacement.
    public struct Content: Sendable {
        public var event: Event
        /// The seq shown for what it states: the original's, or its correction's.
        public var seq: Int64
        /// The correction whose replacement this is.
        public var correction: EventID?
        public var original: SequencedEvent
    }

    /// A vintage as a view shows it: the earliest live statement of it.
    public struct Vintage: Equatable, Sendable {
        public var value: Double
        public var seq: Int64
        public var status: String?
        public var note: CorrectionNote?
    }

    /// The store as it stood at one log position.
    public struct View: Sendable {
        public var contents: [Content] = []
        /// series → valid time → release time → vintage.
        public var vintages: [SeriesID: [Int64: [Int64: Vintage]]] = [:]
        /// The definitions folded in log order of the original events.
        public var metadata: [SeriesID: SeriesMetadata] = [:]
    }

    /// The view at log position `n`, recomputed from the whole log.
    public func view(atSeq n: Int64) -> View {
        var view = View()
        for e in log where e.seq <= n && Self.isOriginal(e.event) {
            var content: Content? = Content(event: e.event, seq: e.seq, correction: nil, original: e)
            for o in overrides[e.seq] ?? [] where o.seq <= n {
                content = o.replacement.map { Content(event: $0, seq: o.seq, correction: o.id, original: e) }
            }
            if let content { view.contents.append(content) }
        }
        for content in view.contents {
            let originalFigures = Self.figures(content.original.event)
            for figure in Self.figures(content.event) {
                var note: CorrectionNote?
                if let correction = content.correction {
                    let same = originalFigures.first { $0.series == figure.series && $0.period.start == figure.period.start }
                    note = CorrectionNote(
                        correction: correction, originalValue: same?.value ?? (originalFigures.count == 1 ? originalFigures[0].value : nil))
                }
                let vintage = Vintage(value: figure.value, seq: content.seq, status: figure.status, note: note)
                let t = figure.period.start.microseconds, r = figure.releasedAt.microseconds
                if let held = view.vintages[figure.series]?[t]?[r], held.seq <= vintage.seq { continue }
                view.vintages[figure.series, default: [:]][t, default: [:]][r] = vintage
            }
            if case .series(let d) = content.event {
                var m = view.metadata[d.series] ?? SeriesMetadata()
                if let name = d.name { m.name = name }
                if let unit = d.unit { m.unit = unit }
                if let frequency = d.frequency { m.frequency = frequency }
                if let tags = d.tags { m.tags = tags }
                view.metadata[d.series] = m
            }
        }
        return view
    }

    /// The points of `series` a point query selects: per period in range, the latest (or
    /// first) release by `asOf`; with `latestOnly`, the last period's.
    public static func points(_ view: View, of series: SeriesID, _ q: PointQuery) -> [VintagePoint] {
        var result: [VintagePoint] = []
        for (t, releases) in view.vintages[series] ?? [:] {
            if let from = q.from, t < from { continue }
            if let to = q.to, t >= to { continue }
            let admitted = releases.filter { q.asOf == nil || $0.key <= q.asOf! }
            let pick = q.firstRelease ? admitted.min { $0.key < $1.key } : admitted.max { $0.key < $1.key }
            guard let (r, v) = pick else { continue }
            result.append(VintagePoint(validTime: t, value: v.value, releasedAt: r, seq: v.seq, status: v.status))
        }
        result.sort { $0.validTime < $1.validTime }
        return q.latestOnly ? Array(result.suffix(1)) : result
    }

    /// Every vintage of one point, by release time.
    public static func history(_ view: View, of series: SeriesID, validTime: Int64) -> [HistoryEntry] {
        (view.vintages[series]?[validTime] ?? [:]).sorted { $0.key < $1.key }.map {
            HistoryEntry(releasedAt: $0.key, seq: $0.value.seq, status: $0.value.status, value: $0.value.value, correction: $0.value.note)
        }
    }

    /// The announcement timeline at position `n`: each original announcement with seq ≤ n
    /// shows its latest content with seq ≤ n (its own, a correction's replacement, or none
    /// when retracted), visible from that content's seq until the original's next
    /// correction or retraction anywhere in the log; then the filters, ordered by valid
    /// time (effective, else released_at), released_at, seq.
    public func announcements(atSeq n: Int64, _ q: AnnouncementQuery) -> [AnnouncementRow] {
        var rows: [AnnouncementRow] = []
        for e in log where e.seq <= n && Self.isOriginal(e.event) {
            guard case .announcement = e.event else { continue }
            let all = overrides[e.seq] ?? []
            let applied = all.filter { $0.seq <= n }
            let shown: Event?, seq: Int64, correction: EventID?
            if let o = applied.last {
                (shown, seq, correction) = (o.replacement, o.seq, o.id)
            } else {
                (shown, seq, correction) = (e.event, e.seq, nil)
            }
            guard case .announcement(let a)? = shown else { continue }
            let until = all.first { $0.seq > seq }?.seq ?? .max
            let time = a.effective?.start.microseconds ?? a.releasedAt.microseconds
            if let from = q.from, time < from { continue }
            if let to = q.to, time >= to { continue }
            if let asOf = q.asOf, a.releasedAt.microseconds > asOf { continue }
            if let party = q.party, !(a.parties ?? []).contains(where: { $0.uppercased() == party.uppercased() }) { continue }
            if let kind = q.kind, a.kind != kind { continue }
            if !q.filter.conditions.allSatisfy({ (a.tags ?? [:])[$0.key] == $0.value }) { continue }
            rows.append(AnnouncementRow(a, id: e.id, seq: seq, correction: correction, visibleFrom: seq, visibleUntil: until))
        }
        return rows.sorted { l, r in
            let (lt, rt) = (l.effective ?? l.releasedAt, r.effective ?? r.releasedAt)
            if lt != rt { return lt < rt }
            if l.releasedAt != r.releasedAt { return l.releasedAt < r.releasedAt }
            return l.seq < r.seq
        }
    }

    /// The series `filter` selects, with their metadata and how many points and vintages they hold.
    public static func catalog(_ view: View, where filter: TagFilter) -> [SeriesSummary] {
        view.metadata.filter { filter.matches($0.value.tags) }.map { series, metadata in
            let points = view.vintages[series] ?? [:]
            return SeriesSummary(
                series: series, metadata: metadata, points: points.values.filter { !$0.isEmpty }.count,
                vintages: points.values.reduce(0) { $0 + $1.count })
        }.sorted { $0.series < $1.series }
    }
}
