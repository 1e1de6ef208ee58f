import Foundation
import PropertyBased
import Testing
import Vintage

extension StoreModelTests {
    // MARK: The model

    /// SPEC.md's rules written plainly. The log's acceptance rules are tracked on the state
    /// now (live content of every original event, definitions, live statements per vintage,
    /// the frequency in force: a new figure's period must fit it, figures already stored are
    /// not re-checked when it changes);
    /// every view is recomputed from the whole log: for position `n`, take the events with
    /// seq ≤ n, give each original event its latest correction or retraction with seq ≤ n,
    /// collect the figures, keep per vintage the earliest live statement (a corrected figure
    /// counts at its correction's seq), then per point the latest (or first) release ≤ as-of.
    struct Model {
        struct Entry {
            var seq: Int64
            var id: EventID
            var event: Event
        }

        struct Key: Hashable {
            var series: SeriesID
            var validTime: Int64
            var releasedAt: Int64
        }

        /// A correction (with its replacement) or a retraction (nil) of an original event.
        struct Override {
            var seq: Int64
            var id: EventID
            var replacement: Event?
        }

        enum Verdict { case stored, duplicate, rejected }

        private(set) var log: [Entry] = []
        private var seqOfID: [EventID: Int64] = [:]
        private var overrides: [Int64: [Override]] = [:]
        /// The live content of every original event now, by its seq (absent when retracted).
        private(set) var current: [Int64: Event] = [:]
        private var definitions: [SeriesID: Int] = [:]
        private var figureCounts: [SeriesID: Int] = [:]
        /// The live definitions by the seq of their original event.
        private(set) var liveDefinitions: [Int64: SeriesDefinition] = [:]
        private(set) var liveValues: [Key: [Double]] = [:]

        var lastSeq: Int64 { log.last?.seq ?? 0 }

        static func key(_ f: Figure) -> Key {
            Key(series: f.series, validTime: f.period.start.microseconds, releasedAt: f.releasedAt.microseconds)
        }

        /// The figures an event states, as SPEC.md says: an observation's; each release entry
        /// with the release's time and its own status, else the release's; an announcement's
        /// series at `effective` (no status) when it names series and value.
        static func figures(_ event: Event?) -> [Figure] {
            switch event {
            case .observation(let o)?:
                return [Figure(series: o.series, period: o.period, value: o.value, releasedAt: o.releasedAt, status: o.status)]
            case .release(let r)?:
                return r.entries.map { Figure(series: $0.series, period: $0.period, value: $0.value, releasedAt: r.releasedAt, status: $0.status ?? r.status) }
            case .announcement(let a)?:
                guard let step = a.step else { return [] }
                return [Figure(series: step.series, period: step.effective, value: step.value, releasedAt: a.releasedAt, status: nil)]
            default:
                return []
            }
        }

        /// Whether a period starting at `start` (UTC microseconds) fits `frequency`, worked
        /// out from the ISO text: midnight; a Monday; the 1st; of January, April, July or
        /// October; of January.
        static func fits(_ start: Int64, _ frequency: Frequency?) -> Bool {
            guard let frequency, frequency != .irregular else { return true }
            let text = Timestamp(microseconds: start).iso8601
            guard text.hasSuffix("T00:00:00Z") else { return false }
            let month = Int(text.dropFirst(5).prefix(2))!, day = Int(text.dropFirst(8).prefix(2))!
            let days = start / Timestamp.microsecondsPerDay
            switch frequency {
            case .daily, .irregular: return true
            case .weekly: return ((days % 7) + 7) % 7 == 4 // 1970-01-05, day 4, was a Monday
            case .monthly: return day == 1
            case .quarterly: return day == 1 && [1, 4, 7, 10].contains(month)
            case .annual: return day == 1 && month == 1
            }
        }

        /// The frequency in force for `series`: that of the last, in log order of the original
        /// events, of its live definitions naming one.
        static func frequency(of series: SeriesID, in definitions: [Int64: SeriesDefinition]) -> Frequency? {
            definitions.filter { $0.value.series == series && $0.value.frequency != nil }.max { $0.key < $1.key }?.value.frequency
        }

        /// The warning an append of `correction` gives now: the release it restates loses
        /// figures (points of the current content the replacement does not state).
        func warning(for correction: Correction, line: Int) -> AppendWarning? {
            guard let target = entry(correction.target), case .release(let old)? = current[target.seq],
                  case .release(let new) = correction.replacement else { return nil }
            let kept = Set(new.entries.map { "\($0.series) \($0.period.start.microseconds)" })
            let dropped = old.entries.filter { !kept.contains("\($0.series) \($0.period.start.microseconds)") }
            guard !dropped.isEmpty else { return nil }
            return .correctionDropsFigures(line: line, target: correction.target, figures: dropped.count, series: Set(dropped.map(\.series)).sorted())
        }

        static func isOriginal(_ event: Event) -> Bool {
            switch event {
            case .correction, .retraction: false
            default: true
            }
        }

        func entry(_ id: EventID) -> Entry? { seqOfID[id].map { log[Int($0 - 1)] } }

        /// Appends `event` under `id` if the log's rules allow it.
        mutating func append(_ event: Event, id: EventID) -> Verdict {
            if let held = entry(id) { return held.event == event ? .duplicate : .rejected }
            var removed: Event?, added: Event?, target: Int64?
            switch event {
            case .correction(let c):
                guard let t = entry(c.target), Self.isOriginal(t.event), t.event.type == c.replacement.type else { return .rejected }
                target = t.seq
                removed = current[t.seq]
                added = c.replacement
            case .retraction(let r):
                guard let t = entry(r.target), Self.isOriginal(t.event) else { return .rejected }
                target = t.seq
                removed = current[t.seq]
            default:
                added = event
            }
            guard allows(removing: removed, adding: added) else { return .rejected }
            // A replacement has its target's type: figures never change the definitions.
            for f in Self.figures(added) where !Self.fits(f.period.start.microseconds, Self.frequency(of: f.series, in: liveDefinitions)) {
                return .rejected
            }
            let seq = lastSeq + 1
            count(removed, -1)
            count(added, +1)
            log.append(Entry(seq: seq, id: id, event: event))
            seqOfID[id] = seq
            if let target {
                overrides[target, default: []].append(Override(seq: seq, id: id, replacement: added))
                current[target] = added
            } else {
                current[seq] = event
            }
            if case .series(let d)? = added { liveDefinitions[target ?? seq] = d } else if case .series? = removed { liveDefinitions[target!] = nil }
            return .stored
        }

        /// Whether the state after replacing `removed` by `added` keeps the rules: every figure
        /// names a defined series, a series losing its last definition has no figures, and a
        /// vintage has one value among its live statements.
        private func allows(removing removed: Event?, adding added: Event?) -> Bool {
            var definitionChange: [SeriesID: Int] = [:], figureChange: [SeriesID: Int] = [:]
            var valueChange: [Key: (removed: [Double], added: [Double])] = [:]
            if case .series(let d)? = removed { definitionChange[d.series, default: 0] -= 1 }
            if case .series(let d)? = added { definitionChange[d.series, default: 0] += 1 }
            for f in Self.figures(removed) {
                figureChange[f.series, default: 0] -= 1
                valueChange[Self.key(f), default: ([], [])].removed.append(f.value)
            }
            for f in Self.figures(added) {
                figureChange[f.series, default: 0] += 1
                valueChange[Self.key(f), default: ([], [])].added.append(f.value)
                if definitions[f.series, default: 0] + definitionChange[f.series, default: 0] <= 0 { return false }
            }
            for (series, change) in definitionChange
            where definitions[series, default: 0] + change <= 0 && figureCounts[series, default: 0] + figureChange[series, default: 0] > 0 {
                return false
            }
            for (key, change) in valueChange where !change.added.isEmpty {
                var live = liveValues[key] ?? []
                for v in change.removed { if let i = live.firstIndex(of: v) { live.remove(at: i) } }
                if Set(live + change.added).count > 1 { return false }
            }
            return true
        }

        private mutating func count(_ event: Event?, _ sign: Int) {
            guard let event else { return }
            if case .series(let d) = event { definitions[d.series, default: 0] += sign }
            for f in Self.figures(event) {
                figureCounts[f.series, default: 0] += sign
                let key = Self.key(f)
                if sign > 0 {
                    liveValues[key, default: []].append(f.value)
                } else if let i = liveValues[key]?.firstIndex(of: f.value) {
                    liveValues[key]!.remove(at: i)
                    if liveValues[key]!.isEmpty { liveValues[key] = nil }
                }
            }
        }

        // MARK: Views

        struct Content {
            var event: Event
            /// The seq shown for what it states: the original's, or its correction's.
            var seq: Int64
            var correction: EventID?
            var original: Entry
        }

        struct Vintage: Equatable {
            var value: Double
            var seq: Int64
            var status: String?
            var note: CorrectionNote?
        }

        struct View {
            var contents: [Content] = []
            /// series → valid time → release time → vintage.
            var vintages: [SeriesID: [Int64: [Int64: Vintage]]] = [:]
            /// The definitions folded in log order of the original events.
            var metadata: [SeriesID: SeriesMetadata] = [:]
        }

        func view(atSeq n: Int64) -> View {
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
                        note = CorrectionNote(correction: correction, originalValue: same?.value ?? (originalFigures.count == 1 ? originalFigures[0].value : nil))
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

        static func points(_ view: View, of series: SeriesID, _ q: PointQuery) -> [VintagePoint] {
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

        /// The series a query selects (named ones must be defined now; nil: refused).
        static func select(_ named: [SeriesID], _ filter: TagFilter, in view: View, now: View) -> [SeriesID]? {
            guard named.allSatisfy({ now.metadata[$0] != nil }) else { return nil }
            let candidates = named.isEmpty ? view.metadata.keys.sorted() : Set(named).sorted()
            return candidates.filter { filter.matches((view.metadata[$0] ?? now.metadata[$0])!.tags) }
        }

        static func history(_ view: View, of series: SeriesID, validTime: Int64) -> [HistoryEntry] {
            (view.vintages[series]?[validTime] ?? [:]).sorted { $0.key < $1.key }.map {
                HistoryEntry(releasedAt: $0.key, seq: $0.value.seq, status: $0.value.status, value: $0.value.value, correction: $0.value.note)
            }
        }

        /// The announcement timeline at position `n`: each original announcement with seq ≤ n
        /// shows its latest content with seq ≤ n (its own, a correction's replacement, or none
        /// when retracted), visible from that content's seq until the original's next
        /// correction or retraction anywhere in the log; then the filters, ordered by valid
        /// time (effective, else released_at), released_at, seq.
        func announcements(atSeq n: Int64, _ q: AnnouncementQuery) -> [AnnouncementRow] {
            var rows: [AnnouncementRow] = []
            for e in log where e.seq <= n && Self.isOriginal(e.event) {
                guard case .announcement = e.event else { continue }
                let all = overrides[e.seq] ?? []
                let applied = all.filter { $0.seq <= n }
                let shown: Event?, seq: Int64, correction: EventID?
                if let o = applied.last { (shown, seq, correction) = (o.replacement, o.seq, o.id) } else { (shown, seq, correction) = (e.event, e.seq, nil) }
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
                periods.append(PeriodRevision(validTime: t, firstValue: first.value.value, firstReleasedAt: first.key,
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

        static func catalog(_ view: View, where filter: TagFilter) -> [SeriesSummary] {
            view.metadata.filter { filter.matches($0.value.tags) }.map { series, metadata in
                let points = view.vintages[series] ?? [:]
                return SeriesSummary(series: series, metadata: metadata, points: points.values.filter { !$0.isEmpty }.count,
                                     vintages: points.values.reduce(0) { $0 + $1.count })
            }.sorted { $0.series < $1.series }
        }
    }
}
