extension Event {
    /// The canonical JSON of the event, without its id: fixed key order, no whitespace,
    /// UTC timestamps, shortest round-trip numbers, sorted tag keys. Two events with the
    /// same meaning as written have the same canonical bytes.
    public var canonicalJSON: [UInt8] {
        var w = JSONWriter()
        write(to: &w)
        return w.bytes
    }

    /// The canonical JSON of a release event whose `observations` array, written as its
    /// canonical JSON, is the text of `observationsJSON` put together (pieces of input text
    /// found to be written that way, see ``NDJSONReader``): the array is copied, not written
    /// again figure by figure. Any other event gives its ``canonicalJSON``.
    public func canonicalJSON(observationsJSON: [UnsafeBufferPointer<UInt8>]) -> [UInt8] {
        guard case .release(let r) = self else { return canonicalJSON }
        var w = JSONWriter()
        w.reserveCapacity(observationsJSON.reduce(160) { $0 + $1.count })
        w.beginObject()
        w.key("type"); w.string(type.rawValue)
        Self.writeFields(before: r, to: &w)
        w.key("observations")
        w.raw(pieces: observationsJSON)
        w.endObject()
        return w.bytes
    }

    /// Writes a release's fields that come before its `observations`.
    private static func writeFields(before r: Release, to w: inout JSONWriter) {
        w.key("released_at"); w.timestamp(r.releasedAt)
        w.field("source", r.source)
        w.field("title", r.title)
        w.field("status", r.status)
    }

    /// Writes the canonical JSON object of the event.
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("type"); w.string(type.rawValue)
        switch self {
        case .series(let s):
            w.key("series"); w.string(s.series.rawValue)
            w.field("name", s.name)
            w.field("unit", s.unit)
            w.field("frequency", s.frequency?.rawValue)
            if let tags = s.tags { w.key("tags"); w.stringMap(tags) }
        case .observation(let o):
            w.key("series"); w.string(o.series.rawValue)
            w.key("period"); w.string(o.period.text)
            w.key("value"); w.number(o.value)
            w.key("released_at"); w.timestamp(o.releasedAt)
            w.field("source", o.source)
            w.field("status", o.status)
        case .release(let r):
            Self.writeFields(before: r, to: &w)
            w.key("observations")
            w.beginArray()
            for e in r.entries {
                w.beginObject()
                w.key("series"); w.string(e.series.rawValue)
                w.key("period"); w.string(e.period.text)
                w.key("value"); w.number(e.value)
                w.field("status", e.status)
                w.endObject()
            }
            w.endArray()
        case .announcement(let a):
            w.key("released_at"); w.timestamp(a.releasedAt)
            w.field("source", a.source)
            w.key("kind"); w.string(a.kind)
            w.key("title"); w.string(a.title)
            if let parties = a.parties {
                w.key("parties")
                w.beginArray()
                for p in parties { w.string(p) }
                w.endArray()
            }
            if let step = a.step {
                w.key("series"); w.string(step.series.rawValue)
                w.key("effective"); w.string(step.effective.text)
                w.key("value"); w.number(step.value)
            } else if let effective = a.effective {
                w.key("effective"); w.string(effective.text)
            }
            w.field("text", a.text)
            if let tags = a.tags { w.key("tags"); w.stringMap(tags) }
        case .correction(let c):
            w.key("target"); w.string(c.target.rawValue)
            w.field("reason", c.reason)
            w.key("replacement"); c.replacement.write(to: &w)
        case .retraction(let r):
            w.key("target"); w.string(r.target.rawValue)
            w.field("reason", r.reason)
        }
        w.endObject()
    }
}
