import VintageCore

/// The series definitions as the projection keeps them: every `series` event's content with
/// the log positions between which it is live (a correction or retraction of the defining
/// event ends it), so that metadata can be read now or at any earlier seq.
struct SeriesCatalog: Hashable, Sendable {
    /// The definitions, in the order they started.
    var entries: [DefinitionEntry] = []

    /// Starts the definition stated by the original event at `owner` (itself, or a
    /// correction restating it) from log position `position`.
    mutating func define(_ definition: SeriesDefinition, owner: Int64, at position: Int64) {
        entries.append(DefinitionEntry(owner: owner, definition: definition, visibleFrom: position))
    }

    /// Ends the live definition stated by the original event at `owner`, if any.
    mutating func withdraw(owner: Int64, at position: Int64) {
        guard let i = entries.lastIndex(where: { $0.owner == owner && $0.visibleUntil == .max }) else { return }
        entries[i].visibleUntil = position
    }

    /// The metadata of every series with a live definition now (or after event `atSeq`),
    /// each the fold of its live definitions in log order.
    func metadata(atSeq: Int64? = nil) -> [SeriesID: SeriesMetadata] {
        var result: [SeriesID: SeriesMetadata] = [:]
        for entry in entries.filter({ $0.isVisible(atSeq: atSeq) }).sorted(by: { $0.owner < $1.owner }) {
            result[entry.definition.series] = (result[entry.definition.series] ?? SeriesMetadata()).updated(by: entry.definition)
        }
        return result
    }
}

extension SeriesCatalog {
    /// The catalog's bytes, as a manifest attachment.
    func encoded() -> [UInt8] {
        var w = ManifestByteWriter()
        w.varUInt(UInt64(entries.count))
        for e in entries {
            w.varInt(e.owner)
            w.varInt(e.visibleFrom)
            w.varInt(e.visibleUntil == .max ? 0 : e.visibleUntil)
            let d = e.definition
            w.string(d.series.rawValue)
            w.optionalString(d.name)
            w.optionalString(d.unit)
            w.optionalString(d.frequency?.rawValue)
            if let tags = d.tags {
                w.varUInt(UInt64(tags.count) + 1)
                for (k, v) in tags.sorted(by: { $0.key < $1.key }) {
                    w.string(k)
                    w.string(v)
                }
            } else {
                w.varUInt(0)
            }
        }
        return w.bytes
    }

    /// Decodes a catalog written by ``encoded()``.
    init(decoding bytes: [UInt8]) throws(ManifestError) {
        self.init()
        guard !bytes.isEmpty else { return }
        var r = ManifestByteReader(bytes)
        let count = try r.count("catalog entries", minimumItemSize: 8)
        for _ in 0..<count {
            let owner = try r.varInt("definition owner")
            let from = try r.varInt("definition visible-from")
            let until = try r.varInt("definition visible-until")
            let series = SeriesID(unchecked: try r.string("series id"))
            let name = try r.optionalString("series name")
            let unit = try r.optionalString("series unit")
            let frequencyText = try r.optionalString("series frequency")
            var frequency: Frequency?
            if let frequencyText {
                guard let f = Frequency(rawValue: frequencyText) else { throw .damaged("unknown frequency '\(frequencyText)'") }
                frequency = f
            }
            let tagCount = Int(try r.varUInt("tag count"))
            var tags: [String: String]?
            if tagCount > 0 {
                guard tagCount - 1 <= r.remaining / 2 else { throw .damaged("tag count out of range") }
                var t: [String: String] = [:]
                t.reserveCapacity(tagCount - 1)
                for _ in 0..<(tagCount - 1) { t[try r.string("tag name")] = try r.string("tag value") }
                tags = t
            }
            var entry = DefinitionEntry(owner: owner, definition: SeriesDefinition(series: series, name: name, unit: unit, frequency: frequency, tags: tags),
                                        visibleFrom: from)
            if until != 0 { entry.visibleUntil = until }
            entries.append(entry)
        }
        try r.expectEnd("series catalog")
    }
}
