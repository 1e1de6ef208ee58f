import VintageCore
import VintageTestSupport

@testable import VintageFolds

extension ReplayFoldTests {
    /// A random log of `count` events over up to six series, sixteen periods (two spellings
    /// each, drawn out of order), four release instants, a few values (`0.0` and `-0.0` among
    /// them) and statuses (two canonically equivalent), not filtered for validity: restatements may change the value, corrections
    /// may name corrections, unknown ids or events of another type, ids may be reused, and a
    /// few ids are spelled with the Kelvin sign, canonically equal to `K`.
    static func wideLog(seed: UInt64, count: Int) -> [SequencedEvent] {
        var rng = SplitMix64(state: seed)
        func pick(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        func chance(_ percent: Int) -> Bool { pick(100) < percent }
        let series = (0...pick(6)).map { SeriesID(unchecked: "w.s\($0)") }
        let days = [5, 17, 1, 28, 9, 13, 2, 21, 30, 11, 7, 25, 3, 15, 19, 23]
        let periods = days.map { day -> [Period] in
            [try! Period("2025-01-\(day < 10 ? "0" : "")\(day)"), try! Period("2025-D\(day < 10 ? "00" : "0")\(day)")]
        }
        let releases = ["2025-02-01T00:00:00Z", "2025-03-01T00:00:00Z", "2025-01-31T12:00:00.25Z", "2025-02-15T00:00:00Z"]
            .map { try! Timestamp(iso8601: $0) }
        let values: [Double] = [1, 2, 3.5, 0.0, -0.0]
        // The last two are canonically equivalent (é precomposed and decomposed).
        let statuses: [String?] = [nil, "preliminary", "final", "r\u{E9}vis\u{E9}", "re\u{301}vise\u{301}"]
        let periodSpan = 2 + pick(15)

        func entry() -> Release.Entry {
            Release.Entry(series: series[pick(series.count)], period: periods[pick(periodSpan)][pick(2)], value: values[pick(values.count)])
        }
        func original(_ type: EventType? = nil) -> Event {
            let kind = type ?? [.observation, .observation, .observation, .release, .release, .announcement, .series][pick(7)]
            switch kind {
            case .series:
                return .series(SeriesDefinition(series: series[pick(series.count)], name: chance(50) ? "N" : nil))
            case .release:
                let entries = (0..<(1 + pick(pick(4) == 0 ? 12 : 3))).map { _ in entry() }
                return .release(Release(releasedAt: releases[pick(releases.count)], status: statuses[pick(statuses.count)], entries: entries))
            case .announcement:
                let e = entry()
                let step = chance(70) ? Announcement.Step(series: e.series, effective: e.period, value: e.value) : nil
                return .announcement(Announcement(releasedAt: releases[pick(releases.count)], kind: "tariff", title: "T", step: step))
            default:
                let e = entry()
                return .observation(
                    Observation(
                        series: e.series, period: e.period, value: e.value,
                        releasedAt: releases[pick(releases.count)], status: statuses[pick(statuses.count)]))
            }
        }

        var log: [SequencedEvent] = []
        var originals: [SequencedEvent] = []
        for n in 1...count {
            var id = EventID(unchecked: "Kw\(n)")
            if !originals.isEmpty && chance(3) { id = originals[pick(originals.count)].id }
            if chance(3) { id = EventID(unchecked: "\u{212A}w\(pick(n) + 1)") }
            let event: Event
            switch pick(100) {
            case 0..<12 where !log.isEmpty:
                // A correction, usually of an original, with a replacement of its type.
                let target = chance(85) && !originals.isEmpty ? originals[pick(originals.count)] : log[pick(log.count)]
                var replacement = original(chance(85) ? target.event.type : nil)
                if case .release(var r) = target.event, chance(50) {
                    r.entries[pick(r.entries.count)].value = values[pick(values.count)]
                    replacement = .release(r)
                } else if chance(15), target.event.type != .correction, target.event.type != .retraction {
                    replacement = target.event
                }
                var targetID = target.id
                if chance(5) { targetID = EventID(unchecked: "unknown") }
                if chance(5), targetID.rawValue.hasPrefix("K") { targetID = EventID(unchecked: "\u{212A}" + targetID.rawValue.dropFirst()) }
                event = .correction(Correction(target: targetID, reason: nil, replacement: replacement))
            case 12..<20 where !log.isEmpty:
                event = .retraction(Retraction(target: log[pick(log.count)].id))
            case 20..<32 where !log.isEmpty:
                // A restatement of some logged figure, usually with its value.
                let figures = log.flatMap { e -> [Figure] in
                    if case .correction(let c) = e.event { return c.replacement.statedFigures }
                    return e.event.statedFigures
                }
                guard let f = figures.isEmpty ? nil : figures[pick(figures.count)] else { event = original(); break }
                let value = chance(80) ? f.value : values[pick(values.count)]
                if chance(50) {
                    event = .observation(
                        Observation(
                            series: f.series, period: f.period, value: value, releasedAt: f.releasedAt, status: statuses[pick(statuses.count)]))
                } else {
                    event = .release(
                        Release(
                            releasedAt: f.releasedAt, status: statuses[pick(statuses.count)],
                            entries: [entry(), Release.Entry(series: f.series, period: f.period, value: value)]))
                }
            default:
                event = original()
            }
            let e = SequencedEvent(event: event, id: id, seq: Int64(n))
            log.append(e)
            if event.type != .correction && event.type != .retraction { originals.append(e) }
        }
        return log
    }
}
