import Foundation
import PropertyBased
import Testing
import Vintage

/// The store against a deliberately simple in-memory model of SPEC.md, on random event
/// sequences fed in random batches: series definitions with tags, observations, releases,
/// announcements with a step, revisions, same-value restatements in other spellings,
/// corrections (of observations, releases, announcements and definitions), retractions,
/// corrections after retractions, out-of-order periods and release times, one series pushed
/// far past the head limit so that it is compacted into chunks (and then corrected, revised
/// and backfilled), duplicates, and batches the log must refuse as a whole.
///
/// Every answer — points over all three time axes with tag filters, history, the catalog —
/// must equal the model's after every append, after a snapshot, more appends and a restore,
/// after a replay, after closing and reopening the store, and from a second `Store` on the
/// same directory that did none of the appends; `verify` must find the store intact after
/// each phase.
@Suite struct StoreModelTests {
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

        static func catalog(_ view: View, where filter: TagFilter) -> [SeriesSummary] {
            view.metadata.filter { filter.matches($0.value.tags) }.map { series, metadata in
                let points = view.vintages[series] ?? [:]
                return SeriesSummary(series: series, metadata: metadata, points: points.values.filter { !$0.isEmpty }.count,
                                     vintages: points.values.reduce(0) { $0 + $1.count })
            }.sorted { $0.series < $1.series }
        }
    }

    // MARK: Random events

    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func pick(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func flip() -> Bool { pick(2) == 0 }
        mutating func element<T>(_ options: [T]) -> T { options[pick(options.count)] }
    }

    static let small = ["a.x", "b.y", "c.z"].map { SeriesID(unchecked: $0) }
    static let big = SeriesID(unchecked: "big.d")
    static let allSeries = small + [big]
    /// Four small-series points, each in several spellings, out of order.
    static let smallPeriods = [["2026-01", "2026-M01", "2026-01-01", "2026-Q1", "2026", "2026-A1", "2026-S1", "2026-D001"], ["2026-02", "2026-M02", "2026-D032"], ["2025-12", "2025-M12", "2025-12-01"],
                               ["2026-Q2", "2026-04", "2026-04-01T00:00:00Z"]].map { $0.map { try! Period($0) } }
    /// The big series: daily points from this day on.
    static let bigBase = try! Timestamp(iso8601: "2024-01-01T00:00:00Z").microseconds
    static let bigDays = 420
    /// Release instants, out of order.
    static let instants = ["2026-02-01T09:00:00+09:00", "2026-03-01T00:00:00Z", "2026-01-15T12:00:00.5Z", "2026-04-10T08:30:00Z",
                           "2025-06-30T23:59:59.999999Z"].map { try! Timestamp(iso8601: $0) }
    /// Release instants of the bulk: those above and more, so that one series can hold
    /// several chunks' worth of vintages over the same days.
    static let bulkInstants = instants + (1...7).map { Timestamp(microseconds: instants[0].microseconds + Int64($0) * 3_600_000_000) }
    /// Values, a few of them hard for decimal and XOR encodings and for JSON round trips.
    static let values: [Double] = [1, 2.5, 3, -4.25, 1e10, 0.1, 0.30000000000000004, -123456.789, 1.7976931348623157e308, 5e-324, 12345678901234567890, 1e-7]
    static let statuses: [String?] = [nil, "preliminary", "final"]
    static let tagSets: [[String: String]] = [["g": "1"], ["g": "2", "h": "1"], [:], ["g": "1", "h": "2"], ["kind": "big"]]

    static func bigPeriod(_ day: Int, _ rng: inout SplitMix) -> Period {
        let text = Timestamp(microseconds: bigBase + Int64(day) * Timestamp.microsecondsPerDay).iso8601
        return try! Period(rng.pick(4) == 0 ? text : String(text.prefix(10)))
    }

    /// Another spelling of the period starting at `start`.
    static func respelled(_ period: Period, _ rng: inout SplitMix) -> Period {
        if let spellings = smallPeriods.first(where: { $0[0].start == period.start }) { return rng.element(spellings) }
        let day = Int((period.start.microseconds - bigBase) / Timestamp.microsecondsPerDay)
        return bigPeriod(day, &rng)
    }

    static func entry(_ rng: inout SplitMix) -> Release.Entry {
        if rng.pick(4) == 0 {
            // A few hot days; any day of the bulk's range; now and then one before or after it.
            let day = rng.flip() ? rng.pick(6) : rng.pick(8) == 0 ? rng.pick(bigDays + 60) - 30 : rng.pick(bigDays)
            return Release.Entry(series: big, period: bigPeriod(day, &rng), value: rng.element(values))
        }
        return Release.Entry(series: rng.element(small), period: rng.element(rng.element(smallPeriods)), value: rng.element(values))
    }

    static func definition(_ rng: inout SplitMix, of series: SeriesID? = nil) -> Event {
        .series(SeriesDefinition(series: series ?? rng.element(allSeries), name: rng.flip() ? nil : rng.element(["A", "B"]),
                                 unit: rng.flip() ? nil : rng.element(["USD", "KRW"]), frequency: rng.flip() ? nil : rng.element([.monthly, .daily]),
                                 tags: rng.pick(3) == 0 ? nil : rng.element(tagSets)))
    }

    static func observation(_ rng: inout SplitMix) -> Event {
        let e = entry(&rng)
        return .observation(Observation(series: e.series, period: e.period, value: e.value, releasedAt: rng.element(instants),
                                        source: rng.flip() ? nil : "S", status: rng.element(statuses)))
    }

    static func release(_ rng: inout SplitMix) -> Event {
        .release(Release(releasedAt: rng.element(instants), source: "S", title: rng.flip() ? nil : "T", status: rng.element(statuses),
                         entries: (0...rng.pick(4)).map { _ in entry(&rng) }))
    }

    static func announcement(_ rng: inout SplitMix) -> Event {
        let step = rng.pick(3) == 0 ? nil : entry(&rng)
        return .announcement(Announcement(releasedAt: rng.element(instants), source: rng.flip() ? nil : "US", kind: rng.element(["tariff", "note"]),
                                          title: rng.element(["T1", "T2"]), parties: rng.element([nil, ["US", "KR"], ["KR"]]),
                                          text: rng.flip() ? nil : "text", tags: rng.flip() ? nil : ["g": "1"],
                                          step: step.map { Announcement.Step(series: $0.series, effective: $0.period, value: $0.value) }))
    }

    static func fresh(_ type: EventType, _ rng: inout SplitMix) -> Event {
        switch type {
        case .series: definition(&rng)
        case .release: release(&rng)
        case .announcement: announcement(&rng)
        default: observation(&rng)
        }
    }

    /// A replacement for `target` (of the same type): usually a small change of it — another
    /// value or status for the same point, one figure of a release changed, a definition
    /// with other tags — sometimes a wholly different event.
    static func replacement(of target: Event, _ rng: inout SplitMix) -> Event {
        if rng.pick(4) == 0 { return fresh(target.type, &rng) }
        switch target {
        case .observation(var o):
            if rng.flip() { o.value = rng.element(values) } else { o.status = rng.element(statuses) }
            return .observation(o)
        case .release(var r):
            switch rng.pick(4) {
            case 0: r.entries[rng.pick(r.entries.count)].value = rng.element(values)
            case 1: r.status = rng.element(statuses)
            case 2 where r.entries.count > 1: r.entries.remove(at: rng.pick(r.entries.count))
            default: r.entries.append(entry(&rng))
            }
            return .release(r)
        case .series(let d):
            return definition(&rng, of: d.series)
        case .announcement(var a):
            if var step = a.step, rng.flip() {
                step.value = rng.element(values)
                a.step = step
            } else {
                a.step = rng.pick(3) == 0 ? nil : entry(&rng).asStep
            }
            return .announcement(a)
        default:
            return target
        }
    }

    /// One candidate event, given the model so far; it may break the log's rules.
    static func candidate(_ rng: inout SplitMix, model: Model) -> Event {
        let originals = model.log.filter { Model.isOriginal($0.event) }
        let live = model.current.values.flatMap(\.statedFigures)
        switch rng.pick(13) {
        case 0: return definition(&rng)
        case 1, 2: return observation(&rng)
        case 3: return release(&rng)
        case 4: return announcement(&rng)
        case 5 where !originals.isEmpty, 6 where !originals.isEmpty:
            // Each type as often (observations far outnumber the others).
            let type = rng.element(Set(originals.map(\.event.type)).sorted { $0.rawValue < $1.rawValue })
            let target = rng.element(originals.filter { $0.event.type == type })
            let base = model.current[target.seq] ?? target.event
            return .correction(Correction(target: target.id, reason: "r", replacement: replacement(of: base, &rng)))
        case 7 where !originals.isEmpty:
            return .retraction(Retraction(target: rng.element(originals).id, reason: rng.flip() ? nil : "duplicate"))
        case 8 where !live.isEmpty:
            // A restatement of a live figure with the same value, in another spelling or inside a release.
            let f = rng.element(live)
            let period = respelled(f.period, &rng)
            if rng.flip() {
                return .observation(Observation(series: f.series, period: period, value: f.value, releasedAt: f.releasedAt, status: rng.element(statuses)))
            }
            return .release(Release(releasedAt: f.releasedAt, status: rng.element(statuses),
                                    entries: [Release.Entry(series: f.series, period: period, value: f.value), entry(&rng)]))
        case 9 where !live.isEmpty:
            // A revision: the same point released later.
            let f = rng.element(live)
            let later = instants.filter { $0 > f.releasedAt }
            guard !later.isEmpty else { return observation(&rng) }
            return .observation(Observation(series: f.series, period: respelled(f.period, &rng), value: rng.element(values),
                                            releasedAt: rng.element(later), status: rng.element(statuses)))
        case 10:
            // A correction bringing back a retracted event.
            let retracted = originals.filter { model.current[$0.seq] == nil }
            guard !retracted.isEmpty else { return observation(&rng) }
            let target = rng.element(retracted)
            return .correction(Correction(target: target.id, reason: "back", replacement: replacement(of: target.event, &rng)))
        case 11:
            // Likely refused: a missing target, a correction as target, a wrong replacement
            // type, an unknown series, another value for a live vintage.
            let kind = rng.pick(5)
            if kind == 0 { return .retraction(Retraction(target: EventID(unchecked: "missing"), reason: nil)) }
            if kind == 1, let c = model.log.last(where: { !Model.isOriginal($0.event) }) {
                return .retraction(Retraction(target: c.id, reason: nil))
            }
            if kind == 2, let t = originals.last, t.event.type != .observation {
                return .correction(Correction(target: t.id, reason: nil, replacement: observation(&rng)))
            }
            if kind == 3 {
                return .observation(Observation(series: SeriesID(unchecked: "zz.unknown"), period: smallPeriods[0][0], value: 1, releasedAt: instants[0]))
            }
            guard !live.isEmpty else { return observation(&rng) }
            let f = rng.element(live)
            return .observation(Observation(series: f.series, period: f.period, value: f.value + 1, releasedAt: f.releasedAt))
        default:
            return observation(&rng)
        }
    }

    // MARK: Scenarios

    struct Item {
        var id: EventID
        var event: Event
        /// A re-append of an event already logged (same id and content).
        var isDuplicate = false
    }

    struct Batch {
        var items: [Item] = []
        /// An event the log must refuse: the batch is first appended with it (and must be
        /// refused as a whole), then without it.
        var poison: Item?
        var asNDJSON = false
    }

    struct Scenario {
        var batches: [Batch] = []
        /// Batch indices where phases 2, 3 and 4 start.
        var phases: [Int] = []
        var events: Int { batches.reduce(0) { $0 + $1.items.count } }
    }

    /// A scenario from random codes (one candidate event each) and a seed (batch sizes,
    /// phases, the bulk of the big series).
    static func scenario(codes: [UInt64], seed: UInt64, bulkRows: ClosedRange<Int> = 260...339) -> Scenario {
        var rng = SplitMix(state: seed)
        var model = Model()
        var scenario = Scenario()
        var batch = Batch(asNDJSON: rng.flip())
        var size = 1 + rng.pick(8)
        var counter = 0
        func nextID() -> EventID {
            counter += 1
            return EventID(unchecked: "e\(counter)")
        }
        func close() {
            if !batch.items.isEmpty || batch.poison != nil { scenario.batches.append(batch) }
            batch = Batch(asNDJSON: rng.flip())
            size = rng.pick(5) == 0 ? 10 + rng.pick(30) : 1 + rng.pick(8)
        }
        func add(_ event: Event, id: EventID? = nil, poisonable: Bool) {
            let id = id ?? nextID()
            switch model.append(event, id: id) {
            case .stored: batch.items.append(Item(id: id, event: event))
            case .duplicate: batch.items.append(Item(id: id, event: event, isDuplicate: true))
            case .rejected:
                if poisonable && rng.pick(5) == 0 {
                    batch.poison = Item(id: id, event: event)
                    close()
                }
            }
        }
        /// Many rows of the big series at once, in random day order: enough to pass the head limit.
        func bulk(_ rows: Int) {
            close()
            if !model.current.values.contains(where: { if case .series(let d) = $0 { d.series == big } else { false } }) {
                add(definition(&rng, of: big), poisonable: false)
            }
            // Distinct (day, release) vintages in random order: revisions within the bulk too.
            var vintages = (0..<bigDays).flatMap { day in bulkInstants.map { (day, $0) } }
            vintages.shuffle(using: &rng)
            // Not over live vintages: one conflicting value would refuse a whole release.
            let chosen = Array(vintages.lazy.filter { day, instant in
                model.liveValues[Model.Key(series: big, validTime: bigBase + Int64(day) * Timestamp.microsecondsPerDay, releasedAt: instant.microseconds)] == nil
            }.prefix(rows))
            if rng.pick(3) == 0 {
                // As releases, one per release time.
                for instant in bulkInstants {
                    let entries = chosen.filter { $0.1 == instant }.map { Release.Entry(series: big, period: bigPeriod($0.0, &rng), value: rng.element(values)) }
                    guard !entries.isEmpty else { continue }
                    add(.release(Release(releasedAt: instant, source: "S", status: rng.element(statuses), entries: entries)), poisonable: false)
                }
            } else {
                for (day, instant) in chosen {
                    add(.observation(Observation(series: big, period: bigPeriod(day, &rng), value: rng.element(values),
                                                 releasedAt: instant, status: rng.element(statuses))), poisonable: false)
                }
            }
            close()
        }
        if rng.pick(4) != 0 {
            // Usually a few definitions first, so that more of the candidates are valid.
            for series in allSeries where rng.flip() { add(definition(&rng, of: series), poisonable: false) }
            close()
        }
        let bulkAt = rng.pick(codes.count + 1)
        for (n, code) in codes.enumerated() {
            if n == bulkAt { bulk(Int.random(in: bulkRows, using: &rng)) }
            var c = SplitMix(state: code)
            if c.pick(40) == 0 {
                bulk(20 + c.pick(60))
                continue
            }
            if c.pick(12) == 0 {
                // Same id and content as an event already logged: a duplicate. Or the same id
                // with other content: refused.
                if let e = model.log.isEmpty ? nil : c.element(model.log) {
                    add(c.pick(4) == 0 ? observation(&c) : e.event, id: e.id, poisonable: true)
                    continue
                }
            }
            add(candidate(&c, model: model), poisonable: true)
            if batch.items.count >= size { close() }
        }
        if bulkAt == codes.count { bulk(Int.random(in: bulkRows, using: &rng)) }
        close()
        scenario.phases = (0..<3).map { _ in rng.pick(scenario.batches.count + 1) }.sorted()
        return scenario
    }

    // MARK: Running a scenario against a store

    /// Shows a batch as NDJSON lines, for failure reports.
    static func ndjson(_ item: Item) -> String {
        "{\"id\":\"\(item.id)\"," + String(decoding: item.event.canonicalJSON.dropFirst(), as: UTF8.self)
    }

    static func describe(_ batches: ArraySlice<Batch>) -> String {
        batches.enumerated().map { n, b in
            "-- batch \(n + 1)\(b.asNDJSON ? " (ndjson)" : "")\n" + b.items.map(ndjson).joined(separator: "\n")
                + (b.poison.map { "\n   refused with: " + ndjson($0) } ?? "")
        }.joined(separator: "\n")
    }

    struct Mismatch: Error, CustomStringConvertible {
        var description: String
    }

    /// Appends a batch to the store and the model; throws a mismatch when the store's
    /// outcome differs from the model's.
    static func append(_ batch: Batch, to store: Store, model: inout Model) throws {
        func send(_ items: [Item]) throws -> AppendOutcome {
            if batch.asNDJSON {
                return try store.append(ndjson: Array(items.map(ndjson).joined(separator: "\n").utf8))
            }
            return try store.append(items.enumerated().map { InputEvent(line: $0 + 1, id: $1.id, event: $1.event) })
        }
        let before = model.lastSeq
        if let poison = batch.poison {
            do {
                let outcome = try send(batch.items + [poison])
                throw Mismatch(description: "the store accepted a batch the model refuses (its last event): \(outcome)")
            } catch is StoreError {
                guard try store.lastSeq() == before else { throw Mismatch(description: "a refused batch changed the log") }
            }
        }
        guard !batch.items.isEmpty else { return }
        let outcome: AppendOutcome
        do { outcome = try send(batch.items) } catch {
            throw Mismatch(description: "the store refused a batch the model accepts: \(error)")
        }
        var stored = 0, duplicates = 0
        for item in batch.items {
            switch model.append(item.event, id: item.id) {
            case .stored: stored += 1
            case .duplicate: duplicates += 1
            case .rejected: throw Mismatch(description: "the model refused \(item.id) on replay of the scenario")
            }
        }
        let expected = AppendOutcome(stored: stored, duplicates: duplicates, seqRange: stored == 0 ? nil : (before + 1)...(before + Int64(stored)))
        guard outcome == expected else { throw Mismatch(description: "append outcome \(outcome), expected \(expected)") }
    }

    static let smallTimes = smallPeriods.map { $0[0].start.microseconds }
    static let bigTimes = [-10, 0, 3, 5, 100, 257, 419, 440].map { bigBase + Int64($0) * Timestamp.microsecondsPerDay }
    static let bounds: [Int64?] = [nil] + (smallTimes + bigTimes).flatMap { [$0, $0 + 1] }
    static let asOfs: [Int64?] = [nil] + instants.map(\.microseconds).flatMap { [$0, $0 - 1, $0 + 1] }
    static let filters: [TagFilter] = [TagFilter(), TagFilter(["g": "1"]), TagFilter(["g": "2", "h": "1"]), TagFilter(["kind": "big"]),
                                       TagFilter([TagFilter.Condition(key: "g", value: "1"), TagFilter.Condition(key: "g", value: "2")])]

    /// Compares the store's answers with the model's: `queries` random point queries, as
    /// many history lookups, one catalog; throws the first mismatch.
    static func compare(_ store: Store, _ model: Model, rng: inout SplitMix, queries: Int, label: String) throws {
        let last = model.lastSeq
        guard try store.lastSeq() == last else { throw Mismatch(description: "\(label): last seq \(try store.lastSeq()), expected \(last)") }
        let now = model.view(atSeq: last)
        func randomSeq() -> Int64? {
            if last == 0 || rng.pick(5) < 2 { return nil }
            return rng.pick(25) == 0 ? last + 1 : Int64(1 + rng.pick(Int(last)))
        }
        func check<T: Equatable>(_ what: String, _ atSeq: Int64?, expected: T?, _ actual: () throws -> T) throws {
            let result: Result<T, any Error>
            do { result = .success(try actual()) } catch { result = .failure(error) }
            switch (result, expected) {
            case (.success(let a), .some(let e)) where a == e: return
            case (.failure(StoreError.invalidRequest), .none): return
            case (.success(let a as [SeriesPoints]), .some(let e as [SeriesPoints])):
                // Only the rows that differ: a big series has hundreds of points.
                func rows(_ all: [SeriesPoints]) -> [String] {
                    all.flatMap { s in
                        ["\(s.series)"] + s.points.map { "\(s.series) \(Timestamp(microseconds: $0.validTime)) value \($0.value) released \(Timestamp(microseconds: $0.releasedAt)) seq \($0.seq) status \($0.status ?? "-")" }
                    }
                }
                let (store, model) = (rows(a), rows(e))
                throw Mismatch(description: "\(label): \(what)\n  only in the store: \(store.filter { !model.contains($0) })\n  only in the model: \(model.filter { !store.contains($0) })")
            default:
                throw Mismatch(description: "\(label): \(what)\n  store: \(result)\n  model: \(expected.map { "\($0)" } ?? "an error")")
            }
        }
        for _ in 0..<queries {
            let atSeq = randomSeq()
            let q = PointQuery(from: rng.element(bounds), to: rng.element(bounds), asOf: rng.element(asOfs), atSeq: atSeq,
                               firstRelease: rng.flip(), latestOnly: rng.pick(4) == 0)
            let named = rng.flip() ? [] : (0...rng.pick(2)).map { _ in rng.element(allSeries) }
            let filter = rng.pick(3) == 0 ? rng.element(filters) : TagFilter()
            var expected: [SeriesPoints]?
            if atSeq.map({ $0 <= last }) ?? true {
                let view = atSeq.map { model.view(atSeq: $0) } ?? now
                expected = Model.select(named, filter, in: view, now: now)?.map { SeriesPoints(series: $0, points: Model.points(view, of: $0, q)) }
            }
            try check("points of \(named) where \(filter.conditions.map { "\($0.key)=\($0.value)" }) \(q)", atSeq, expected: expected) {
                try store.points(of: named, where: filter, q)
            }
        }
        for _ in 0..<queries {
            let atSeq = randomSeq()
            let series = rng.element(allSeries)
            let times = Array(now.vintages[series, default: [:]].keys) + [rng.element(smallTimes)]
            let validTime = rng.element(times)
            var expected: [HistoryEntry]?
            if now.metadata[series] != nil, atSeq.map({ $0 <= last }) ?? true {
                expected = Model.history(atSeq.map { model.view(atSeq: $0) } ?? now, of: series, validTime: validTime)
            }
            try check("history of \(series) at \(Timestamp(microseconds: validTime)) at seq \(atSeq.map(String.init) ?? "now")", atSeq, expected: expected) {
                try store.history(of: series, validTime: validTime, atSeq: atSeq)
            }
        }
        let atSeq = randomSeq(), filter = rng.element(filters)
        let expected: [SeriesSummary]? = atSeq.map { $0 <= last } ?? true ? Model.catalog(atSeq.map { model.view(atSeq: $0) } ?? now, where: filter) : nil
        try check("series where \(filter.conditions.map { "\($0.key)=\($0.value)" }) at seq \(atSeq.map(String.init) ?? "now")", atSeq, expected: expected) {
            try store.series(where: filter, atSeq: atSeq)
        }
    }

    static func verify(_ store: Store, label: String) throws {
        let report = try store.verify()
        guard report.isIntact else { throw Mismatch(description: "\(label): verify found \(report.problems)") }
    }

    static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("vintage-model-\(UUID().uuidString)").path
    }

    /// Runs the scenario through every phase; returns whether the big series was compacted.
    static func run(_ scenario: Scenario, seed: UInt64) throws -> Bool {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var rng = SplitMix(state: seed ^ 0xD1B5_4A32_D192_ED03)
        var model = Model()
        var store = try Store(directory: path, create: true)
        var appended = 0
        /// Appends the batches in `range`, each through one of `stores` at random, comparing
        /// after each; then compares and verifies every store.
        func phase(_ range: Range<Int>, into stores: Store..., label: String) throws {
            for i in range {
                let n = rng.pick(stores.count)
                let label = stores.count > 1 ? "\(label) (through store \(n + 1))" : label
                do {
                    try append(scenario.batches[i], to: stores[n], model: &model)
                } catch let m as Mismatch {
                    throw Mismatch(description: "\(label), batch \(i + 1): \(m)")
                }
                appended = i + 1
                try compare(stores[n], model, rng: &rng, queries: 2, label: "\(label), after batch \(i + 1)")
            }
            for (n, store) in stores.enumerated() {
                let label = stores.count > 1 ? "\(label), store \(n + 1)" : label
                try compare(store, model, rng: &rng, queries: 12, label: "\(label), end")
                try verify(store, label: label)
            }
        }
        do {
            let p = scenario.phases
            try phase(0..<p[0], into: store, label: "appends")
            let other = try Store(directory: path)
            _ = try store.createSnapshot(name: "model")
            try phase(p[0]..<p[1], into: store, label: "appends after the snapshot")
            _ = try store.restoreSnapshot(name: "model")
            try phase(p[1]..<p[1], into: store, label: "restored snapshot")
            try phase(p[1]..<p[2], into: store, label: "appends after the restore")
            try compare(other, model, rng: &rng, queries: 12, label: "second store, which did no appends")
            _ = try store.replay()
            try phase(p[2]..<p[2], into: store, label: "replayed")
            store = try Store(directory: path)
            try phase(p[2]..<p[2], into: store, label: "reopened")
            try phase(p[2]..<scenario.batches.count, into: store, other, label: "appends after reopening, through both stores")
            // The first snapshot again, after the replay dropped every chunk it had: its own
            // links keep them, and the restore catches up with everything logged since.
            _ = try other.restoreSnapshot(name: "model")
            try phase(0..<0, into: store, other, label: "the first snapshot restored again")
            try store.deleteSnapshot(name: "model")
            try phase(0..<0, into: store, other, label: "the snapshot deleted")
        } catch let m as Mismatch {
            throw Mismatch(description: "\(m)\nbatches appended (phases start at \(scenario.phases.map { $0 + 1 })):\n\(describe(scenario.batches[..<min(appended + 1, scenario.batches.count)]))")
        }
        let chunks = (try? FileManager.default.contentsOfDirectory(atPath: path + "/projection/chunks")) ?? []
        return chunks.contains { $0.hasSuffix(".vtch") }
    }

    // MARK: Tests

    /// Shrinking is off: every attempt replays a whole scenario against a store on disk; the
    /// failure report lists the batches appended up to the mismatch instead. For a longer
    /// soak, set `VINTAGE_MODEL_CASES` (default 30) and `VINTAGE_MODEL_LENGTH` (most
    /// candidate events per case, default 60).
    @Test(.shrinking(false)) func theStoreAnswersLikeTheModelThroughEveryPhase() async {
        var compacted = 0, cases = 0, failed = false
        let count = ProcessInfo.processInfo.environment["VINTAGE_MODEL_CASES"].flatMap { Int($0) } ?? 30
        await propertyCheck(count: count, input: Gen.uint64(in: 0...UInt64.max).array(of: 1...(ProcessInfo.processInfo.environment["VINTAGE_MODEL_LENGTH"].flatMap { Int($0) } ?? 60)), Gen.uint64(in: 0...UInt64.max)) { codes, seed in
            let scenario = Self.scenario(codes: codes, seed: seed)
            cases += 1
            do {
                if try Self.run(scenario, seed: seed) { compacted += 1 }
            } catch {
                failed = true
                Issue.record("\(error)")
            }
        }
        // Nearly every case pushes the big series past the head limit.
        #expect(failed || compacted * 2 >= cases, "\(compacted) of \(cases) cases compacted a series into chunks")
    }

    /// The same with one series holding more than one chunk's worth of rows (several chunks,
    /// so that compaction must place head rows into the right one, and queries prune).
    @Test(.shrinking(false)) func theStoreAnswersLikeTheModelWithSeveralChunks() async {
        await propertyCheck(count: 2, input: Gen.uint64(in: 0...UInt64.max).array(of: 30...60), Gen.uint64(in: 0...UInt64.max)) { codes, seed in
            let scenario = Self.scenario(codes: codes, seed: seed, bulkRows: 4_500...5_000)
            do {
                #expect(try Self.run(scenario, seed: seed))
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    /// The generated scenarios exercise what the test is about.
    @Test func generatedScenariosCoverEveryKindOfEvent() {
        var rng = SplitMix(state: 7)
        var counts: [String: Int] = [:]
        for _ in 0..<25 {
            let scenario = Self.scenario(codes: (0..<50).map { _ in rng.next() }, seed: rng.next())
            var model = Model()
            var retracted: Set<EventID> = []
            var seen: [Model.Key: Set<Double>] = [:]
            var releases: [String: Set<Int64>] = [:]
            for batch in scenario.batches {
                if batch.poison != nil { counts["refused batch", default: 0] += 1 }
                if batch.items.count > Projection.headRowLimit { counts["bulk", default: 0] += 1 }
                if batch.asNDJSON { counts["ndjson", default: 0] += 1 }
                for item in batch.items {
                    if item.isDuplicate { counts["duplicate", default: 0] += 1; continue }
                    switch item.event {
                    case .correction(let c):
                        counts["correction of \(c.replacement.type)", default: 0] += 1
                        if retracted.contains(c.target) { counts["correction after retraction", default: 0] += 1 }
                        retracted.remove(c.target)
                    case .retraction(let r):
                        counts["retraction", default: 0] += 1
                        retracted.insert(r.target)
                    default:
                        counts[item.event.type.rawValue, default: 0] += 1
                        for f in item.event.statedFigures {
                            if seen[Model.key(f)]?.contains(f.value) == true { counts["restatement", default: 0] += 1 }
                            seen[Model.key(f), default: []].insert(f.value)
                            let point = "\(f.series) \(f.period.start.microseconds)"
                            if let held = releases[point], held.contains(where: { $0 < f.releasedAt.microseconds }) { counts["revision", default: 0] += 1 }
                            releases[point, default: []].insert(f.releasedAt.microseconds)
                        }
                    }
                    _ = model.append(item.event, id: item.id)
                }
            }
        }
        for kind in ["series", "observation", "release", "announcement", "correction of observation", "correction of release",
                     "correction of series", "correction of announcement", "retraction", "correction after retraction",
                     "restatement", "revision", "duplicate", "refused batch", "bulk", "ndjson"] {
            #expect(counts[kind, default: 0] >= 5, "\(kind): \(counts[kind, default: 0])")
        }
    }
}

extension Release.Entry {
    fileprivate var asStep: Announcement.Step { Announcement.Step(series: series, effective: period, value: value) }
}
