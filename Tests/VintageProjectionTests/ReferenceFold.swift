import VintageCore
import VintageProjection
import VintageFolds

/// The reference for ``VintageFold``: the rules of SPEC.md written as plainly as possible,
/// recomputing every view from the whole log. For a view at log position `n`: take the
/// events with seq ≤ n, give each original event its effective content at `n` (its latest
/// correction or retraction with seq ≤ n), collect the figures of the effective contents,
/// and per vintage keep the earliest live statement. Like replay, it takes every figure the
/// log holds: the frequency rule is checked at append only, so a log written before it (or
/// a figure stored before its series' frequency changed) folds as it stands.
struct ReferenceFold {
    var log: [LoggedEvent] = []

    /// An original event's content as it stands at a log position.
    struct Content {
        var event: Event
        /// The seq shown for what it states: the event's, or the correction's.
        var seq: Int64
        var correction: EventID?
        var original: LoggedEvent
    }

    struct Key: Hashable {
        var series: SeriesID
        var validTime: Int64
        var releasedAt: Int64
    }

    /// A vintage as the reference shows it.
    struct Vintage: Equatable {
        var value: Double
        var seq: Int64
        var status: String?
        var note: CorrectionNote?
    }

    /// A view of the store at one log position.
    struct View {
        var contents: [Content]
        var vintages: [Key: Vintage]
    }

    var lastSeq: Int64 { log.last?.seq ?? 0 }

    /// The figures an event states, as SPEC.md says: an observation's; each release entry
    /// with the release's time and its own status, else the release's; an announcement's
    /// series at `effective` (no status) when it names series and value.
    static func figures(_ event: Event) -> [Figure] {
        switch event {
        case .observation(let o):
            return [Figure(series: o.series, period: o.period, value: o.value, releasedAt: o.releasedAt, status: o.status)]
        case .release(let r):
            return r.entries.map { Figure(series: $0.series, period: $0.period, value: $0.value, releasedAt: r.releasedAt, status: $0.status ?? r.status) }
        case .announcement(let a):
            guard let step = a.step else { return [] }
            return [Figure(series: step.series, period: step.effective, value: step.value, releasedAt: a.releasedAt, status: nil)]
        default:
            return []
        }
    }

    func view(atSeq n: Int64) -> View {
        var contents: [Content] = []
        for e in log where e.seq <= n {
            if case .correction = e.event { continue }
            if case .retraction = e.event { continue }
            var content: Content? = Content(event: e.event, seq: e.seq, correction: nil, original: e)
            for o in log where o.seq > e.seq && o.seq <= n {
                if case .correction(let c) = o.event, c.target == e.id {
                    content = Content(event: c.replacement, seq: o.seq, correction: o.id, original: e)
                }
                if case .retraction(let r) = o.event, r.target == e.id { content = nil }
            }
            if let content { contents.append(content) }
        }
        var vintages: [Key: Vintage] = [:]
        for content in contents {
            for figure in Self.figures(content.event) {
                let key = Key(series: figure.series, validTime: figure.period.start.microseconds, releasedAt: figure.releasedAt.microseconds)
                var note: CorrectionNote?
                if let correction = content.correction {
                    let original = Self.figures(content.original.event)
                    let same = original.first { $0.series == figure.series && $0.period.start == figure.period.start }
                    note = CorrectionNote(correction: correction, originalValue: same?.value ?? (original.count == 1 ? original[0].value : nil))
                }
                let vintage = Vintage(value: figure.value, seq: content.seq, status: figure.status, note: note)
                if let held = vintages[key], held.seq <= vintage.seq { continue }
                vintages[key] = vintage
            }
        }
        return View(contents: contents, vintages: vintages)
    }

    /// Whether appending `event` keeps the log valid (mirroring the log's rules): the
    /// target of a correction or retraction is an earlier original event, a replacement
    /// has the target's type, every live figure names a series with a live definition, and
    /// a vintage has one value among its live statements.
    func accepts(_ event: Event, id: EventID) -> Bool {
        if let target = target(of: event) {
            guard let found = log.first(where: { $0.id == target }) else { return false }
            if case .correction = found.event { return false }
            if case .retraction = found.event { return false }
            if case .correction(let c) = event, c.replacement.type != found.event.type { return false }
        }
        var next = self
        next.log.append(LoggedEvent(seq: lastSeq + 1, id: id, event: event))
        let view = next.view(atSeq: next.lastSeq)
        let defined = Set(view.contents.compactMap { content -> SeriesID? in
            if case .series(let d) = content.event { return d.series }
            return nil
        })
        var values: [Key: Double] = [:]
        for content in view.contents {
            for figure in Self.figures(content.event) {
                guard defined.contains(figure.series) else { return false }
                let key = Key(series: figure.series, validTime: figure.period.start.microseconds, releasedAt: figure.releasedAt.microseconds)
                if let held = values[key], held != figure.value { return false }
                values[key] = figure.value
            }
        }
        return true
    }

    private func target(of event: Event) -> EventID? {
        switch event {
        case .correction(let c): c.target
        case .retraction(let r): r.target
        default: nil
        }
    }

    // MARK: Answers

    func points(_ view: View, of series: SeriesID, _ q: PointQuery) -> [VintagePoint] {
        var chosen: [Int64: VintagePoint] = [:]
        for (key, vintage) in view.vintages where key.series == series {
            if let asOf = q.asOf, key.releasedAt > asOf { continue }
            if let from = q.from, key.validTime < from { continue }
            if let to = q.to, key.validTime >= to { continue }
            let point = VintagePoint(validTime: key.validTime, value: vintage.value, releasedAt: key.releasedAt, seq: vintage.seq, status: vintage.status)
            if let held = chosen[key.validTime] {
                let better = q.firstRelease ? point.releasedAt < held.releasedAt : point.releasedAt > held.releasedAt
                if !better { continue }
            }
            chosen[key.validTime] = point
        }
        let sorted = chosen.values.sorted { $0.validTime < $1.validTime }
        return q.latestOnly ? Array(sorted.suffix(1)) : sorted
    }

    func history(_ view: View, of series: SeriesID, validTime: Int64) -> [HistoryEntry] {
        view.vintages.filter { $0.key.series == series && $0.key.validTime == validTime }
            .sorted { $0.key.releasedAt < $1.key.releasedAt }
            .map { HistoryEntry(releasedAt: $0.key.releasedAt, seq: $0.value.seq, status: $0.value.status, value: $0.value.value, correction: $0.value.note) }
    }

    func catalog(_ view: View, where conditions: [(String, String)]) -> [SeriesSummary] {
        var metadata: [SeriesID: SeriesMetadata] = [:]
        for content in view.contents.sorted(by: { $0.original.seq < $1.original.seq }) {
            guard case .series(let d) = content.event else { continue }
            var m = metadata[d.series] ?? SeriesMetadata()
            if let name = d.name { m.name = name }
            if let unit = d.unit { m.unit = unit }
            if let frequency = d.frequency { m.frequency = frequency }
            if let tags = d.tags { m.tags = tags }
            metadata[d.series] = m
        }
        return metadata.filter { entry in conditions.allSatisfy { entry.value.tags[$0.0] == $0.1 } }
            .map { series, m in
                let keys = view.vintages.keys.filter { $0.series == series }
                return SeriesSummary(series: series, metadata: m, points: Set(keys.map(\.validTime)).count, vintages: keys.count)
            }
            .sorted { $0.series < $1.series }
    }

    /// The visible announcements as (id, seq, correction, announcement), by valid time
    /// (effective, or when made), then release time, then seq.
    func announcements(_ view: View, from: Int64?, to: Int64?, asOf: Int64?, party: String?,
                       where conditions: [(String, String)]) -> [String] {
        var rows: [(time: Int64, released: Int64, seq: Int64, text: String)] = []
        for content in view.contents {
            guard case .announcement(let a) = content.event else { continue }
            let time = a.effective?.start.microseconds ?? a.releasedAt.microseconds
            if let asOf, a.releasedAt.microseconds > asOf { continue }
            if let from, time < from { continue }
            if let to, time >= to { continue }
            if let party, !(a.parties ?? []).contains(party) { continue }
            guard conditions.allSatisfy({ (a.tags ?? [:])[$0.0] == $0.1 }) else { continue }
            rows.append((time, a.releasedAt.microseconds, content.seq,
                         Self.describe(a, id: content.original.id, seq: content.seq, correction: content.correction)))
        }
        return rows.sorted { ($0.time, $0.released, $0.seq) < ($1.time, $1.released, $1.seq) }.map(\.text)
    }

    /// A comparable description of an announcement as shown.
    static func describe(_ a: Announcement, id: EventID, seq: Int64, correction: EventID?) -> String {
        let step = a.step.map { "\($0.series) \($0.effective.start.microseconds) \($0.value)" } ?? "-"
        let effective = a.effective.map { "\($0.start.microseconds) \($0.text)" } ?? "-"
        let tags = (a.tags ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return "\(id) \(seq) \(correction?.rawValue ?? "-") \(a.releasedAt.microseconds) \(a.source ?? "-") \(a.kind) \(a.title) \(a.parties ?? []) \(a.text ?? "-") \(tags) \(step) \(effective)"
    }

    /// The same description of a fold's announcement row.
    static func describe(_ row: AnnouncementRow) -> String {
        let step = row.series.map { "\($0) \(row.effective!) \(row.value!)" } ?? "-"
        let effective = row.effective.map { "\($0) \(row.effectiveText ?? "?")" } ?? "-"
        let tags = row.tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return "\(row.id) \(row.seq) \(row.correction?.rawValue ?? "-") \(row.releasedAt) \(row.source ?? "-") \(row.kind) \(row.title) \(row.parties) \(row.text ?? "-") \(tags) \(step) \(effective)"
    }
}
