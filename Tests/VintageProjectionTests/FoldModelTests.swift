import PropertyBased
import Testing
import VintageCore
import VintageFolds
import VintageProjection
import VintageTestSupport

/// The fold against ``ReferenceModel`` on random valid logs: definitions, observations,
/// releases, announcements, revisions, same-value restatements, corrections and
/// retractions over a small space of series, periods (in mixed spellings), release times
/// and values, so that collisions are frequent. Every answer — points over all three time
/// axes, history, catalog, announcements — must equal the reference's, at every log
/// position.
@Suite struct FoldModelTests {
    /// Draws small choices from one random number.
    struct Choices {
        var code: UInt64
        mutating func pick(_ n: Int) -> Int {
            let result = Int(code % UInt64(n))
            code /= UInt64(n)
            return result
        }
        mutating func flip() -> Bool { pick(2) == 0 }
        mutating func element<T>(_ options: [T]) -> T { options[pick(options.count)] }
    }

    static let series = ["a.x", "b.y", "c.z"].map { SeriesID(unchecked: $0) }
    /// Three points, each in several spellings, out of order.
    static let periods = [["2026-01", "2026-M01", "2026-01-01", "2026-Q1"], ["2026-02", "2026-M02"], ["2025-12", "2025-M12", "2025-12-01"]]
        .map { $0.map { try! Period($0) } }
    /// Three release instants, one in two spellings, out of order.
    static let releases = [["2026-02-01T00:00:00Z", "2026-02-01T09:00:00+09:00"], ["2026-03-01T00:00:00Z"], ["2026-01-15T12:00:00.5Z"]]
        .map { $0.map { try! Timestamp(iso8601: $0) } }
    static let values: [Double] = [1, 2.5, 3]
    static let statuses: [String?] = [nil, "preliminary", "final"]
    static let tagSets: [[String: String]] = [["g": "1"], ["g": "2", "h": "1"], [:]]

    static func figure(_ c: inout Choices) -> Release.Entry {
        Release.Entry(
            series: c.element(series), period: c.element(c.element(periods)), value: c.element(values),
            status: c.pick(3) == 0 ? c.element(["E", "final"]) : nil)
    }

    static func observation(_ c: inout Choices) -> Event {
        let e = figure(&c)
        return .observation(
            Observation(
                series: e.series, period: e.period, value: e.value, releasedAt: c.element(c.element(releases)),
                source: c.flip() ? nil : "S", status: c.element(statuses)))
    }

    static func release(_ c: inout Choices) -> Event {
        let entries = (0...c.pick(3)).map { _ in figure(&c) }
        return .release(
            Release(
                releasedAt: c.element(c.element(releases)), source: "S", title: c.flip() ? nil : "T",
                status: c.element(statuses), entries: entries))
    }

    static func definition(_ c: inout Choices) -> Event {
        .series(
            SeriesDefinition(
                series: c.element(series), name: c.flip() ? nil : c.element(["A", "B"]),
                unit: c.flip() ? nil : c.element(["USD", "KRW"]), frequency: c.flip() ? nil : c.element([.monthly, .quarterly]),
                tags: c.flip() ? nil : c.element(tagSets)))
    }

    static func announcement(_ c: inout Choices) -> Event {
        let step =
            c.pick(3) == 0 ? nil : Announcement.Step(series: c.element(series), effective: c.element(c.element(periods)), value: c.element(values))
        // Without a step, now and then `effective` alone.
        let effective = step == nil && c.flip() ? c.element(c.element(periods)) : nil
        return .announcement(
            Announcement(
                releasedAt: c.element(c.element(releases)), source: c.flip() ? nil : "US", kind: c.element(["tariff", "note"]),
                title: c.element(["T1", "T2"]), parties: c.element([nil, ["US", "KR"], ["KR"]]),
                text: c.flip() ? nil : "text", tags: c.flip() ? nil : c.element(tagSets), effective: effective, step: step))
    }

    /// A fresh event of `type` (an original type).
    static func event(of type: EventType, _ c: inout Choices) -> Event {
        switch type {
        case .series: definition(&c)
        case .release: release(&c)
        case .announcement: announcement(&c)
        default: observation(&c)
        }
    }

    /// A candidate event from one random code, given the events logged so far.
    static func candidate(_ code: UInt64, log: [SequencedEvent]) -> Event {
        var c = Choices(code: code)
        let originals = log.filter { $0.event.type != .correction && $0.event.type != .retraction }
        switch c.pick(10) {
        case 0: return definition(&c)
        case 1, 2, 9: return observation(&c)
        case 3: return release(&c)
        case 4: return announcement(&c)
        case 5 where !originals.isEmpty, 6 where !originals.isEmpty:
            let target = c.element(originals)
            var replacement = event(of: target.event.type, &c)
            if case .release(var r) = target.event, c.flip() {
                // Restate the whole release with one figure changed.
                let i = c.pick(r.entries.count)
                r.entries[i].value = c.element(values)
                replacement = .release(r)
            }
            return .correction(Correction(target: target.id, reason: "r", replacement: replacement))
        case 7 where !originals.isEmpty:
            return .retraction(Retraction(target: c.element(originals).id, reason: nil))
        case 8:
            // A restatement of a figure some logged event states, possibly in another spelling.
            let stated = log.flatMap { e -> [Figure] in
                if case .correction(let x) = e.event { return x.replacement.statedFigures }
                return e.event.statedFigures
            }
            guard !stated.isEmpty else { return definition(&c) }
            let f = c.element(stated)
            let spelling = periods.first { $0.contains { $0.start == f.period.start } }.map { c.element($0) } ?? f.period
            if c.flip() {
                return .observation(
                    Observation(series: f.series, period: spelling, value: f.value, releasedAt: f.releasedAt, status: c.element(statuses)))
            }
            return .release(
                Release(
                    releasedAt: f.releasedAt, status: c.element(statuses),
                    entries: [Release.Entry(series: f.series, period: spelling, value: f.value), figure(&c)]))
        default: return observation(&c)
        }
    }

    /// The valid logs built from candidate codes: each candidate the reference accepts. Like
    /// replay, the fold takes every figure the log holds: the frequency rule is checked at
    /// append only, so a log written before it (or a figure stored before its series'
    /// frequency changed) folds as it stands; the reference does not check it either.
    static func validLog(_ codes: [UInt64]) -> [SequencedEvent] {
        var reference = ReferenceModel(checksFrequency: false)
        for (n, code) in codes.enumerated() {
            _ = reference.append(candidate(code, log: reference.log), id: EventID(unchecked: "e\(n)"))
        }
        return reference.log
    }

    static let validTimes = periods.map { $0[0].start.microseconds }
    static let instants = releases.map { $0[0].microseconds }
    static let bounds: [Int64?] = [nil] + validTimes + validTimes.map { $0 + 1 }
    static let asOfs: [Int64?] = [nil] + instants + instants.map { $0 - 1 }
    static let filters: [[(String, String)]] = [[], [("g", "1")], [("g", "2"), ("h", "1")], [("g", "1"), ("g", "2")]]

    @Test func theFoldAnswersEveryQueryLikeTheReference() async {
        await propertyCheck(count: 600, input: Gen.uint64(in: 0...UInt64.max).array(of: 1...50), Gen.uint64(in: 0...UInt64.max)) { codes, seed in
            let log = Self.validLog(codes)
            var reference = ReferenceModel(checksFrequency: false)
            var fold = VintageFold(journalingChanges: true)
            var journaled: [SeriesID: [VintageRow]] = [:]
            var rng = SplitMix64(state: seed)
            var mismatches = 0
            for e in log {
                fold.apply(e.event, id: e.id, seq: e.seq)
                for change in fold.takeChanges() {
                    switch change {
                    case .started(let series, let row): journaled[series, default: []].append(row)
                    case .ended(let series, let validTime, let releasedAt, let visibleFrom, let endedAt):
                        let i = journaled[series]?.firstIndex {
                            $0.validTime == validTime && $0.releasedAt == releasedAt && $0.visibleFrom == visibleFrom
                        }
                        if let i, journaled[series]![i].isCurrent { journaled[series]![i].visibleUntil = endedAt } else { mismatches += 1 }
                    }
                }
                #expect(reference.append(e.event, id: e.id) == .stored)
                // The fold as it stands now answers like the reference at this position.
                mismatches += Self.compare(fold, reference, atSeq: nil, rng: &rng, queries: 2)
            }
            // The final fold answers every earlier position like the reference at it.
            for n in 1...max(1, reference.lastSeq + 1) {
                mismatches += Self.compare(fold, reference, atSeq: n, rng: &rng, queries: 4)
            }
            // The journal of row changes rebuilds exactly the fold's rows; at every position a
            // vintage has at most one visible row.
            for series in Self.series {
                #expect(journaled[series, default: []] == fold.rows(of: series))
                for n in 0...reference.lastSeq {
                    let keys = fold.rows(of: series).filter { $0.isVisible(atSeq: n) }.map { [$0.validTime, $0.releasedAt] }
                    #expect(Set(keys).count == keys.count)
                }
            }
            #expect(mismatches == 0, "log:\n\(log.map { "\($0.seq) \($0.id) \($0.event)" }.joined(separator: "\n"))")
        }
    }

    /// Compares the fold's answers with the reference's at one position (nil: now, which
    /// the reference sees at its last seq); returns the number of mismatches, recorded.
    static func compare(_ fold: VintageFold, _ reference: ReferenceModel, atSeq: Int64?, rng: inout SplitMix64, queries: Int) -> Int {
        let view = reference.view(atSeq: atSeq ?? reference.lastSeq)
        var mismatches = 0
        func check<T: Equatable>(_ actual: T, _ expected: T, _ what: @autoclosure () -> String) {
            if actual != expected {
                mismatches += 1
                Issue.record("at seq \(atSeq.map(String.init) ?? "now"): \(what())\n  fold:      \(actual)\n  reference: \(expected)")
            }
        }
        for series in Self.series {
            for _ in 0..<queries {
                let q = PointQuery(
                    from: bounds.randomElement(using: &rng)!, to: bounds.randomElement(using: &rng)!,
                    asOf: asOfs.randomElement(using: &rng)!, atSeq: atSeq,
                    firstRelease: Bool.random(using: &rng), latestOnly: Bool.random(using: &rng))
                check(fold.points(of: series, q), ReferenceModel.points(view, of: series, q), "points of \(series) \(q)")
            }
            for validTime in validTimes {
                check(
                    fold.history(of: series, validTime: validTime, atSeq: atSeq), ReferenceModel.history(view, of: series, validTime: validTime),
                    "history of \(series) at \(validTime)")
            }
        }
        let conditions = filters.randomElement(using: &rng)!
        let filter = TagFilter(conditions.map { TagFilter.Condition(key: $0.0, value: $0.1) })
        check(fold.catalog(where: filter, atSeq: atSeq), ReferenceModel.catalog(view, where: filter), "catalog where \(conditions)")
        let from = bounds.randomElement(using: &rng)!, to = bounds.randomElement(using: &rng)!
        let asOf = asOfs.randomElement(using: &rng)!, party = [nil, "US", "KR"].randomElement(using: &rng)!
        let tags = TagFilter(filters.randomElement(using: &rng)!.map { TagFilter.Condition(key: $0.0, value: $0.1) })
        check(
            fold.announcements(from: from, to: to, asOf: asOf, atSeq: atSeq, where: tags, party: party),
            reference.announcements(atSeq: atSeq ?? reference.lastSeq, AnnouncementQuery(from: from, to: to, asOf: asOf, where: tags, party: party)),
            "announcements from \(String(describing: from)) to \(String(describing: to)) as of \(String(describing: asOf)) party \(party ?? "-") where \(tags)"
        )
        return mismatches
    }

    /// The generated logs exercise what the test is about: over many logs, corrections,
    /// retractions, restatements, revisions and corrections after retractions all occur.
    @Test func generatedLogsCoverEveryKindOfEvent() {
        var rng = SplitMix64(state: 42)
        var counts: [String: Int] = [:]
        for _ in 0..<200 {
            let log = Self.validLog((0..<40).map { _ in rng.next() })
            var retracted: Set<EventID> = []
            var keys: [String: Set<Double>] = [:]
            var points: [String: Set<Int64>] = [:]
            for e in log {
                counts[e.event.type.rawValue, default: 0] += 1
                switch e.event {
                case .correction(let c):
                    if retracted.contains(c.target) { counts["correction after retraction", default: 0] += 1 }
                    retracted.remove(c.target)
                case .retraction(let r): retracted.insert(r.target)
                default:
                    if case .release(let r) = e.event, r.entries.contains(where: { $0.status != nil }) { counts["entry status", default: 0] += 1 }
                    if case .announcement(let a) = e.event, a.step == nil, a.effective != nil { counts["effective alone", default: 0] += 1 }
                    // Quarterly series and February figures: logs the append rule would refuse
                    // today, which the fold (as replay) takes as they stand.
                    if case .series(let d) = e.event, d.frequency == .quarterly { counts["quarterly series", default: 0] += 1 }
                    if e.event.statedFigures.contains(where: { $0.period.start == Self.periods[1][0].start }) {
                        counts["a February figure", default: 0] += 1
                    }
                    for f in e.event.statedFigures {
                        let key = "\(f.series) \(f.period.start.microseconds) \(f.releasedAt.microseconds)"
                        if keys[key] != nil { counts["restatement", default: 0] += 1 }
                        keys[key, default: []].insert(f.value)
                        let point = "\(f.series) \(f.period.start.microseconds)"
                        if let held = points[point], !held.contains(f.releasedAt.microseconds) { counts["revision", default: 0] += 1 }
                        points[point, default: []].insert(f.releasedAt.microseconds)
                    }
                }
            }
        }
        for kind in [
            "series", "observation", "release", "announcement", "correction", "retraction",
            "correction after retraction", "restatement", "revision", "entry status", "effective alone",
            "quarterly series", "a February figure"
        ] {
            #expect(counts[kind, default: 0] >= 20, "\(kind): \(counts[kind, default: 0])")
        }
    }
}
