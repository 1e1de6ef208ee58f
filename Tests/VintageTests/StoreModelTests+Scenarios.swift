import Foundation
import PropertyBased
import Testing
import Vintage
import VintageTestSupport

extension StoreModelTests {
    // MARK: Random events

    static let small = ["a.x", "b.y", "c.z"].map { SeriesID(unchecked: $0) }
    static let big = SeriesID(unchecked: "big.d")
    static let allSeries = small + [big]
    /// Five small-series points, each in several spellings, out of order: a year's, a
    /// quarter's and a month's start, two months' starts, and a Monday (so that every
    /// frequency takes some and refuses others).
    static let smallPeriods = [
        ["2026-01", "2026-M01", "2026-01-01", "2026-Q1", "2026", "2026-A1", "2026-S1", "2026-D001"], ["2026-02", "2026-M02", "2026-D032"],
        ["2025-12", "2025-M12", "2025-12-01"],
        ["2026-Q2", "2026-04", "2026-04-01T00:00:00Z"], ["2026-W02", "2026-01-05", "2026-D005"]
    ].map { $0.map { try! Period($0) } }
    /// The big series: daily points from this day on.
    static let bigBase = try! Timestamp(iso8601: "2024-01-01T00:00:00Z").microseconds
    static let bigDays = 420
    /// Release instants, out of order.
    static let instants = [
        "2026-02-01T09:00:00+09:00", "2026-03-01T00:00:00Z", "2026-01-15T12:00:00.5Z", "2026-04-10T08:30:00Z",
        "2025-06-30T23:59:59.999999Z"
    ].map { try! Timestamp(iso8601: $0) }
    /// Release instants of the bulk: those above and more, so that one series can hold
    /// several chunks' worth of vintages over the same days.
    static let bulkInstants = instants + (1...7).map { Timestamp(microseconds: instants[0].microseconds + Int64($0) * 3_600_000_000) }
    /// Values, a few of them hard for decimal and XOR encodings and for JSON round trips.
    static let values: [Double] = [
        1, 2.5, 3, -4.25, 1e10, 0.1, 0.30000000000000004, -123456.789, 1.7976931348623157e308, 5e-324, 12345678901234567890, 1e-7
    ]
    static let statuses: [String?] = [nil, "preliminary", "final"]
    static let tagSets: [[String: String]] = [["g": "1"], ["g": "2", "h": "1"], [:], ["g": "1", "h": "2"], ["kind": "big"]]

    static func bigPeriod(_ day: Int, _ rng: inout SplitMix64) -> Period {
        let text = Timestamp(microseconds: bigBase + Int64(day) * Timestamp.microsecondsPerDay).iso8601
        return try! Period(rng.pick(4) == 0 ? text : String(text.prefix(10)))
    }

    /// Another spelling of the period starting at `start`.
    static func respelled(_ period: Period, _ rng: inout SplitMix64) -> Period {
        if let spellings = smallPeriods.first(where: { $0[0].start == period.start }) { return rng.element(spellings) }
        let day = Int((period.start.microseconds - bigBase) / Timestamp.microsecondsPerDay)
        return bigPeriod(day, &rng)
    }

    static func entry(_ rng: inout SplitMix64) -> Release.Entry {
        if rng.pick(4) == 0 {
            // A few hot days; any day of the bulk's range; now and then one before or after it.
            let day = rng.flip() ? rng.pick(6) : rng.pick(8) == 0 ? rng.pick(bigDays + 60) - 30 : rng.pick(bigDays)
            return Release.Entry(series: big, period: bigPeriod(day, &rng), value: rng.element(values), status: entryStatus(&rng))
        }
        return Release.Entry(
            series: rng.element(small), period: rng.element(rng.element(smallPeriods)), value: rng.element(values),
            status: entryStatus(&rng))
    }

    /// A release entry's own status (SDMX's OBS_STATUS), now and then.
    static func entryStatus(_ rng: inout SplitMix64) -> String? {
        rng.pick(4) == 0 ? rng.element(["E", "final"]) : nil
    }

    /// A definition; the frequencies of the big series take its daily points, those of the
    /// small ones take some of their points and refuse others.
    static func definition(_ rng: inout SplitMix64, of series: SeriesID? = nil) -> Event {
        let id = series ?? rng.element(allSeries)
        let frequencies: [Frequency] = id == big ? [.daily, .irregular] : [.monthly, .daily, .monthly, .quarterly, .weekly, .annual, .irregular]
        return .series(
            SeriesDefinition(
                series: id, name: rng.flip() ? nil : rng.element(["A", "B"]),
                unit: rng.flip() ? nil : rng.element(["USD", "KRW"]), frequency: rng.flip() ? nil : rng.element(frequencies),
                tags: rng.pick(3) == 0 ? nil : rng.element(tagSets)))
    }

    static func observation(_ rng: inout SplitMix64) -> Event {
        let e = entry(&rng)
        return .observation(
            Observation(
                series: e.series, period: e.period, value: e.value, releasedAt: rng.element(instants),
                source: rng.flip() ? nil : "S", status: rng.element(statuses)))
    }

    static func release(_ rng: inout SplitMix64) -> Event {
        .release(
            Release(
                releasedAt: rng.element(instants), source: "S", title: rng.flip() ? nil : "T", status: rng.element(statuses),
                entries: (0...rng.pick(4)).map { _ in entry(&rng) }))
    }

    /// An announcement: with a step, with `effective` alone, or with neither.
    static func announcement(_ rng: inout SplitMix64) -> Event {
        let step = rng.pick(3) == 0 ? nil : entry(&rng)
        return .announcement(
            Announcement(
                releasedAt: rng.element(instants), source: rng.flip() ? nil : "US", kind: rng.element(["tariff", "note"]),
                title: rng.element(["T1", "T2"]), parties: rng.element([nil, ["US", "KR"], ["KR"]]),
                text: rng.flip() ? nil : "text", tags: rng.element([nil, ["g": "1"], ["g": "2", "h": "1"]]),
                effective: step == nil && rng.flip() ? rng.element(rng.element(smallPeriods)) : nil,
                step: step.map { Announcement.Step(series: $0.series, effective: $0.period, value: $0.value) }))
    }

    static func fresh(_ type: EventType, _ rng: inout SplitMix64) -> Event {
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
    static func replacement(of target: Event, _ rng: inout SplitMix64) -> Event {
        if rng.pick(4) == 0 { return fresh(target.type, &rng) }
        switch target {
        case .observation(var o):
            if rng.flip() { o.value = rng.element(values) } else { o.status = rng.element(statuses) }
            return .observation(o)
        case .release(var r):
            switch rng.pick(4) {
            case 0 where rng.flip(): r.entries[rng.pick(r.entries.count)].status = entryStatus(&rng)
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
    static func candidate(_ rng: inout SplitMix64, model: Model) -> Event {
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
                return .observation(
                    Observation(series: f.series, period: period, value: f.value, releasedAt: f.releasedAt, status: rng.element(statuses)))
            }
            return .release(
                Release(
                    releasedAt: f.releasedAt, status: rng.element(statuses),
                    entries: [Release.Entry(series: f.series, period: period, value: f.value), entry(&rng)]))
        case 9 where !live.isEmpty:
            // A revision: the same point released later; now and then a re-publication of the
            // same value (one file per vintage), which is no revision.
            let f = rng.element(live)
            let later = instants.filter { $0 > f.releasedAt }
            guard !later.isEmpty else { return observation(&rng) }
            return .observation(
                Observation(
                    series: f.series, period: respelled(f.period, &rng), value: rng.pick(3) == 0 ? f.value : rng.element(values),
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
                return .observation(
                    Observation(series: SeriesID(unchecked: "zz.unknown"), period: smallPeriods[0][0], value: 1, releasedAt: instants[0]))
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
        var rng = SplitMix64(state: seed)
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
            let chosen = Array(
                vintages.lazy.filter { day, instant in
                    model.liveValues[
                        Model.Key(series: big, validTime: bigBase + Int64(day) * Timestamp.microsecondsPerDay, releasedAt: instant.microseconds)]
                        == nil
                }.prefix(rows))
            if rng.pick(3) == 0 {
                // As releases, one per release time.
                for instant in bulkInstants {
                    let entries = chosen.filter { $0.1 == instant }.map {
                        Release.Entry(series: big, period: bigPeriod($0.0, &rng), value: rng.element(values))
                    }
                    guard !entries.isEmpty else { continue }
                    add(.release(Release(releasedAt: instant, source: "S", status: rng.element(statuses), entries: entries)), poisonable: false)
                }
            } else {
                for (day, instant) in chosen {
                    add(
                        .observation(
                            Observation(
                                series: big, period: bigPeriod(day, &rng), value: rng.element(values),
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
            var c = SplitMix64(state: code)
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
}

extension Release.Entry {
    fileprivate var asStep: Announcement.Step { Announcement.Step(series: series, effective: period, value: value) }
}
