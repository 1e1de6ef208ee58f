import Vintage

/// What `--allow-delete` makes of SDMX's `ACTION` `D` rows: the stored vintages of each
/// deleted point lose their effect. An event that states only deleted points is retracted;
/// a release that also states other figures is corrected to the release without the deleted
/// ones (a correction replaces the whole event, as SPEC.md asks).
enum DeletionPlan {
    /// The retractions and corrections, keyed by the input line of the last `D` row that
    /// needs each; and how many deleted points the store held.
    static func events(for deletions: [(line: Int, series: SeriesID, validTime: Int64)], in store: Store, file: String) throws -> (
        byLine: [Int: [Event]], points: Int
    ) {
        struct Target {
            var event: Event
            var deleted: Set<PointKey> = []
            var line: Int
        }
        struct PointKey: Hashable { var series: SeriesID; var validTime: Int64 }
        var targets: [EventID: Target] = [:]
        var order: [EventID] = []
        var points = 0
        let defined = Set(try store.series().map(\.series))
        for d in deletions where defined.contains(d.series) {
            let history = try store.history(of: d.series, validTime: d.validTime)
            if !history.isEmpty { points += 1 }
            for vintage in history {
                guard let logged = try store.events(fromSeq: vintage.seq, limit: 1).first else { continue }
                var id = logged.id
                var event = try logged.event()
                if case .correction(let c) = event {
                    id = c.target
                    event = c.replacement
                }
                if targets[id] == nil {
                    targets[id] = Target(event: event, line: d.line)
                    order.append(id)
                }
                targets[id]!.deleted.insert(PointKey(series: d.series, validTime: d.validTime))
                targets[id]!.line = d.line
            }
        }
        var byLine: [Int: [Event]] = [:]
        for id in order {
            let t = targets[id]!
            let reason = "deleted by SDMX ACTION D in \(file)"
            if case .release(var r) = t.event {
                r.entries = r.entries.filter { !t.deleted.contains(PointKey(series: $0.series, validTime: $0.period.start.microseconds)) }
                if !r.entries.isEmpty {
                    byLine[t.line, default: []].append(.correction(Correction(target: id, reason: reason, replacement: .release(r))))
                    continue
                }
            }
            byLine[t.line, default: []].append(.retraction(Retraction(target: id, reason: reason)))
        }
        return (byLine, points)
    }
}
