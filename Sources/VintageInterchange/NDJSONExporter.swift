import Vintage

/// Writes the log as NDJSON events, each with its `id`, in seq order — the whole log, or the
/// events that concern the selected series (a release keeps only their entries, under its
/// own id). Appending the whole export to an empty store rebuilds a store that answers every
/// query the same way; corrections and retractions keep their targets because ids are kept.
public enum NDJSONExporter {
    /// Writes the events; returns how many.
    @discardableResult
    public static func write(_ store: Store, _ selection: ExportSelection, to sink: OutputSink) throws -> Int {
        let chosen: Set<SeriesID>? = selection.isEverything ? nil : Set(try selection.catalog(in: store).map(\.series))
        var included: Set<EventID> = []
        var count = 0
        let upTo = selection.query.atSeq ?? Int64.max
        try store.forEachEvent { logged in
            guard logged.seq <= upTo else { return false }
            guard let chosen else {
                emit(logged.id, logged.body, to: sink)
                count += 1
                return true
            }
            guard let event = try narrowed(try logged.event(), to: chosen, included: included) else { return true }
            included.insert(logged.id)
            emit(logged.id, event.canonicalJSON, to: sink)
            count += 1
            return true
        }
        sink.flush()
        return count
    }

    /// The event as far as it concerns `chosen`, or nil when it does not.
    private static func narrowed(_ event: Event, to chosen: Set<SeriesID>, included: Set<EventID>) throws -> Event? {
        switch event {
        case .series(let d): return chosen.contains(d.series) ? event : nil
        case .observation(let o): return chosen.contains(o.series) ? event : nil
        case .release(var r):
            r.entries = r.entries.filter { chosen.contains($0.series) }
            return r.entries.isEmpty ? nil : .release(r)
        case .announcement(let a):
            guard let step = a.step, chosen.contains(step.series) else { return nil }
            return event
        case .correction(let c):
            guard included.contains(c.target) else { return nil }
            if case .release(var r) = c.replacement {
                r.entries = r.entries.filter { chosen.contains($0.series) }
                guard !r.entries.isEmpty else { return nil }
                return .correction(Correction(target: c.target, reason: c.reason, replacement: .release(r)))
            }
            return event
        case .retraction(let r):
            return included.contains(r.target) ? event : nil
        }
    }

    /// `{"id":"…",` + the canonical body without its opening brace.
    private static func emit(_ id: EventID, _ body: [UInt8], to sink: OutputSink) {
        var w = JSONWriter()
        w.string(id.rawValue)
        sink.write("{\"id\":".utf8)
        sink.write(w.bytes)
        if body.count > 2 { sink.write(CollectionOfOne(UInt8(ascii: ","))) }
        sink.write(body.dropFirst())
        sink.write(CollectionOfOne(UInt8(10)))
    }
}
