import Foundation
import PropertyBased
import Testing
import Vintage

extension StoreModelTests {
    // MARK: The model

    /// SPEC.md's rules written plainly. The log's acceptance rules are tracked on the state
    /// now (live content of every original event, definitions, live statements per vintage);
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
        private(set) var liveValues: [Key: [Double]] = [:]

        var lastSeq: Int64 { log.last?.seq ?? 0 }

        static func key(_ f: Figure) -> Key {
            Key(series: f.series, validTime: f.period.start.microseconds, releasedAt: f.releasedAt.microseconds)
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
            count(removed, -1)
            count(added, +1)
            let seq = lastSeq + 1
            log.append(Entry(seq: seq, id: id, event: event))
            seqOfID[id] = seq
            if let target {
                overrides[target, default: []].append(Override(seq: seq, id: id, replacement: added))
                current[target] = added
            } else {
                current[seq] = event
            }
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
            for f in removed?.statedFigures ?? [] {
                figureChange[f.series, default: 0] -= 1
                valueChange[Self.key(f), default: ([], [])].removed.append(f.value)
            }
            for f in added?.statedFigures ?? [] {
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
            for f in event.statedFigures {
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
                let originalFigures = content.original.event.statedFigures
                for figure in content.event.statedFigures {
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
                let time = a.step?.effective.start.microseconds ?? a.releasedAt.microseconds
                if let from = q.from, time < from { continue }
                if let to = q.to, time >= to { continue }
                if let asOf = q.asOf, a.releasedAt.microseconds > asOf { continue }
                if let party = q.party, !(a.parties ?? []).contains(party) { continue }
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

        /// Per period of `series` in `from..<to`: the earliest and latest vintage released by
        /// `asOf`, and how many came after the earliest; plus the mean |latest − first|.
        static func revisions(_ view: View, of series: SeriesID, _ q: PointQuery) -> (SeriesRevisions, Double?) {
            var periods: [PeriodRevision] = []
            for (t, releases) in (view.vintages[series] ?? [:]).sorted(by: { $0.key < $1.key }) {
                if let from = q.from, t < from { continue }
                if let to = q.to, t >= to { continue }
                let admitted = releases.filter { q.asOf == nil || $0.key <= q.asOf! }.sorted { $0.key < $1.key }
                guard let first = admitted.first, let latest = admitted.last else { continue }
                periods.append(PeriodRevision(validTime: t, firstValue: first.value.value, firstReleasedAt: first.key,
                                              latestValue: latest.value.value, latestReleasedAt: latest.key, revisions: admitted.count - 1))
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

        static func catalog(_ view: View, where filter: TagFilter) -> [SeriesSummary] {
            view.metadata.filter { filter.matches($0.value.tags) }.map { series, metadata in
                let points = view.vintages[series] ?? [:]
                return SeriesSummary(series: series, metadata: metadata, points: points.values.filter { !$0.isEmpty }.count,
                                     vintages: points.values.reduce(0) { $0 + $1.count })
            }.sorted { $0.series < $1.series }
        }
    }
}
