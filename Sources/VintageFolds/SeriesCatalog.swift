import Synchronization
import VintageColumnar
import VintageCore
import VintageFiles

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The series definitions as the projection keeps them: every `series` event's content with
/// the log positions between which it is live (a correction or retraction of the defining
/// event ends it), so that metadata can be read now or at any earlier seq.
package struct SeriesCatalog: Hashable, Sendable {
    /// The definitions, in the order they started (a decoded catalog's are decoded from its
    /// bytes the first time they are read; ``metadata(of:atSeq:)`` decodes one series' only).
    package var entries: [DefinitionEntry] { decoded ?? stored?.entries ?? [] }
    /// The definitions, once decoded or changed (nil: only in ``stored``).
    private var decoded: [DefinitionEntry]? = []
    /// ``SeriesCatalog/quickScan(_:)``'s place in the bytes.
    private struct QuickCursor {
        let b: UnsafeBufferPointer<UInt8>
        var at = 0

        /// The next byte.
        @inline(__always) mutating func byte() -> UInt8? {
            guard at < b.count else { return nil }
            defer { at += 1 }
            return b[at]
        }

        /// An unsigned LEB128 integer.
        @inline(__always) mutating func integer() -> UInt64? { try? readVarUInt(b, at: &at, end: b.count) }

        /// A length-prefixed ASCII string; its length.
        @inline(__always) mutating func ascii() -> Int? {
            guard let n = integer(), n <= UInt64(b.count - at) else { return nil }
            let count = Int(n)
            let base = UnsafeRawPointer(b.baseAddress! + at)
            var words: UInt64 = 0, i = 0
            while i + 8 <= count { words |= base.loadUnaligned(fromByteOffset: i, as: UInt64.self); i += 8 }
            while i < count { words |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)); i += 1 }
            guard words & 0x8080_8080_8080_8080 == 0 else { return nil }
            at += count
            return count
        }

        /// A presence byte, then the ASCII string when present; false unless both are.
        @inline(__always) mutating func optionalASCII() -> Bool {
            guard let presence = byte() else { return false }
            return presence == 0 || (presence == 1 && ascii() != nil)
        }
    }

    /// A decoded catalog's bytes, checked, until it changes.
    private var stored: EncodedCatalog?

    init() {}

    package static func == (a: SeriesCatalog, b: SeriesCatalog) -> Bool { a.entries == b.entries }

    package func hash(into hasher: inout Hasher) { hasher.combine(entries) }

    /// Decodes the entries before a change.
    private mutating func materialize() {
        guard decoded == nil else { return }
        decoded = entries
        stored = nil
    }

    /// Starts the definition stated by the original event at `owner` (itself, or a
    /// correction restating it) from log position `position`.
    package mutating func define(_ definition: SeriesDefinition, owner: Int64, at position: Int64) {
        materialize()
        decoded!.append(DefinitionEntry(owner: owner, definition: definition, visibleFrom: position))
    }

    /// Ends the live definition stated by the original event at `owner`, if any.
    package mutating func withdraw(owner: Int64, at position: Int64) {
        materialize()
        guard let i = decoded!.lastIndex(where: { $0.owner == owner && $0.visibleUntil == .max }) else { return }
        decoded![i].visibleUntil = position
    }

    /// Records what the event logged at `seq` changes in the definitions: a `series` event
    /// starts its definition; a correction or retraction of the original event at `target`
    /// ends the definition that event's content states, and a correction whose replacement
    /// is a `series` event starts the replacement's (owned by the target) there. A correction
    /// or retraction without a `target` (naming no original event) changes nothing.
    package mutating func record(_ event: Event, seq: Int64, target: Int64?) {
        switch event {
        case .series(let definition):
            define(definition, owner: seq, at: seq)
        case .correction(let correction):
            guard let target else { return }
            withdraw(owner: target, at: seq)
            if case .series(let definition) = correction.replacement { define(definition, owner: target, at: seq) }
        case .retraction:
            guard let target else { return }
            withdraw(owner: target, at: seq)
        case .observation, .release, .announcement:
            return
        }
    }

    /// The metadata of every series with a live definition now (or after event `atSeq`),
    /// each the fold of its live definitions in log order.
    package func metadata(atSeq: Int64? = nil) -> [SeriesID: SeriesMetadata] {
        var result: [SeriesID: SeriesMetadata] = [:]
        for entry in entries.filter({ $0.isVisible(atSeq: atSeq) }).sorted(by: { $0.owner < $1.owner }) {
            result[entry.definition.series] = (result[entry.definition.series] ?? SeriesMetadata()).updated(by: entry.definition)
        }
        return result
    }

    /// The metadata of `series` if it has a live definition now (or after event `atSeq`),
    /// the fold of its live definitions in log order; reads only its definitions.
    package func metadata(of series: SeriesID, atSeq: Int64? = nil) -> SeriesMetadata? {
        let candidates = decoded.map { $0.filter { $0.definition.series == series } } ?? stored?.entries(of: series) ?? []
        var result: SeriesMetadata?
        for entry in candidates.filter({ $0.isVisible(atSeq: atSeq) }).sorted(by: { $0.owner < $1.owner }) {
            result = (result ?? SeriesMetadata()).updated(by: entry.definition)
        }
        return result
    }
}

extension SeriesCatalog {
    /// The catalog's bytes, as a manifest attachment.
    package func encoded() -> [UInt8] {
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

    /// Decodes a catalog written by ``encoded()``: checks every entry, keeps the bytes, and
    /// decodes entries when they are read.
    package init(decoding bytes: [UInt8]) throws(ManifestError) {
        self.init()
        guard !bytes.isEmpty else { return }
        if let scan = Self.quickScan(bytes) {
            decoded = nil
            stored = EncodedCatalog(bytes: bytes, entryStarts: scan.starts, idStarts: scan.ids)
            return
        }
        decoded = nil
        stored = EncodedCatalog(bytes: bytes, entryStarts: try Self.fullScan(bytes), idStarts: nil)
    }

    /// Where each definition starts, every entry checked by ``skipEntry(_:)``.
    static func fullScan(_ bytes: [UInt8]) throws(ManifestError) -> [Int] {
        var r = ManifestByteReader(bytes)
        let count = try r.count("catalog entries", minimumItemSize: 8)
        var starts: [Int] = []
        starts.reserveCapacity(count)
        for _ in 0..<count {
            starts.append(r.offset)
            try Self.skipEntry(&r)
        }
        try r.expectEnd("series catalog")
        return starts
    }

    /// The frequencies' names as bytes, for ``quickScan(_:)``.
    private static let frequencyNames: [[UInt8]] = Frequency.allCases.map { Array($0.rawValue.utf8) }

    /// Where each definition and its series id start, found by one pass over the bytes
    /// that accepts only what ``skipEntry(_:)`` accepts, or nil — leaving the bytes to
    /// ``skipEntry(_:)`` and its error messages — at anything it does not take quickly: a
    /// string other than ASCII, a malformed or unusual integer, a damaged entry. About 10×
    /// cheaper than ``skipEntry(_:)`` (issue 11 point 18: a cold query checks the whole
    /// catalog of 1,026 definitions before it reads one).
    static func quickScan(_ bytes: [UInt8]) -> (starts: [Int], ids: [Int])? {
        bytes.withUnsafeBufferPointer { b -> (starts: [Int], ids: [Int])? in
            guard !b.isEmpty else { return nil }
            var c = QuickCursor(b: b)
            guard let count = c.integer(), count <= UInt64((b.count - c.at) / 8) else { return nil }
            var starts: [Int] = [], ids: [Int] = []
            starts.reserveCapacity(Int(count))
            ids.reserveCapacity(Int(count))
            for _ in 0..<Int(count) {
                starts.append(c.at)
                guard c.integer() != nil, c.integer() != nil, c.integer() != nil else { return nil }
                ids.append(c.at)
                guard c.ascii() != nil, c.optionalASCII(), c.optionalASCII(), let presence = c.byte() else { return nil }
                if presence == 1 {
                    guard let n = c.ascii() else { return nil }
                    let at = c.at - n
                    guard
                        frequencyNames.contains(where: { name in
                            name.count == n && name.withUnsafeBufferPointer { memcmp($0.baseAddress!, b.baseAddress! + at, n) == 0 }
                        })
                    else { return nil }
                } else if presence != 0 {
                    return nil
                }
                guard let tagCount = c.integer(), tagCount < UInt64(Int.max) else { return nil }
                if tagCount > 0 {
                    guard tagCount - 1 <= UInt64((b.count - c.at) / 2) else { return nil }
                    for _ in 0..<(Int(tagCount) - 1) {
                        guard c.ascii() != nil, c.ascii() != nil else { return nil }
                    }
                }
            }
            guard c.at == b.count else { return nil }
            return (starts, ids)
        }
    }

    /// One definition.
    static func readEntry(_ r: inout ManifestByteReader) throws(ManifestError) -> DefinitionEntry {
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
        var entry = DefinitionEntry(
            owner: owner, definition: SeriesDefinition(series: series, name: name, unit: unit, frequency: frequency, tags: tags),
            visibleFrom: from)
        if until != 0 { entry.visibleUntil = until }
        return entry
    }

    /// Moves past one definition making every check ``readEntry(_:)`` makes.
    static func skipEntry(_ r: inout ManifestByteReader) throws(ManifestError) {
        _ = try r.varInt("definition owner")
        _ = try r.varInt("definition visible-from")
        _ = try r.varInt("definition visible-until")
        try r.skipString("series id")
        try r.skipOptionalString("series name")
        try r.skipOptionalString("series unit")
        switch try r.u8("presence of series frequency") {
        case 0: break
        case 1:
            var known = false
            for f in Frequency.allCases where r.skipString(equalTo: f.rawValue) { known = true; break }
            if !known {
                let text = try r.string("series frequency")
                throw .damaged("unknown frequency '\(text)'")
            }
        case let tag: throw .damaged("presence byte \(tag) of series frequency is neither 0 nor 1")
        }
        let tagCount = Int(try r.varUInt("tag count"))
        if tagCount > 0 {
            guard tagCount - 1 <= r.remaining / 2 else { throw .damaged("tag count out of range") }
            for _ in 0..<(tagCount - 1) {
                try r.skipString("tag name")
                try r.skipString("tag value")
            }
        }
    }
}

/// A decoded catalog's bytes (checked when it was decoded) and its entries once decoded,
/// shared by the copies of a ``SeriesCatalog``.
final class EncodedCatalog: Sendable {
    let bytes: [UInt8]
    /// Where each definition starts in ``bytes``, found by the check.
    let entryStarts: [Int]
    /// Where each definition's series id starts in ``bytes``, when the check found them.
    let idStarts: [Int]?
    private let decoded = Mutex<[DefinitionEntry]?>(nil)

    init(bytes: [UInt8], entryStarts: [Int], idStarts: [Int]?) {
        self.bytes = bytes
        self.entryStarts = entryStarts
        self.idStarts = idStarts
    }

    /// Every definition, decoded once.
    var entries: [DefinitionEntry] {
        if let entries = decoded.withLock({ $0 }) { return entries }
        var entries: [DefinitionEntry] = []
        do {
            var r = ManifestByteReader(bytes)
            let count = try r.count("catalog entries", minimumItemSize: 8)
            entries.reserveCapacity(count)
            for _ in 0..<count { entries.append(try SeriesCatalog.readEntry(&r)) }
        } catch {
            preconditionFailure("the series catalog passed its check but not decoding: \(error)")
        }
        decoded.withLock { $0 = entries }
        return entries
    }

    /// The definitions of `series`, in the order they started, decoding no other.
    func entries(of series: SeriesID) -> [DefinitionEntry] {
        if let entries = decoded.withLock({ $0 }) { return entries.filter { $0.definition.series == series } }
        var found: [DefinitionEntry] = []
        do {
            if let idStarts {
                // The ids' places are known: compare them in place.
                var wanted = series.rawValue
                let matching: [Int] = wanted.withUTF8 { w in
                    bytes.withUnsafeBufferPointer { b in
                        var matching: [Int] = []
                        for (k, at) in idStarts.enumerated() {
                            // The id's length is one byte for ids of up to 127 bytes.
                            guard Int(b[at]) == w.count || b[at] >= 0x80 else { continue }
                            if b[at] < 0x80, w.count > 0, memcmp(b.baseAddress! + at + 1, w.baseAddress!, w.count) != 0 { continue }
                            matching.append(k)
                        }
                        return matching
                    }
                }
                for k in matching {
                    var r = ManifestByteReader(bytes, from: idStarts[k])
                    guard r.skipString(equalTo: series.rawValue) else { continue }
                    r = ManifestByteReader(bytes, from: entryStarts[k])
                    found.append(try SeriesCatalog.readEntry(&r))
                }
                return found
            }
            // Each definition's series id follows its three log positions: only the ids are
            // compared, the rest of a definition is read only when it is of `series`.
            for start in entryStarts {
                var r = ManifestByteReader(bytes, from: start)
                _ = try r.varInt("definition owner")
                _ = try r.varInt("definition visible-from")
                _ = try r.varInt("definition visible-until")
                if r.skipString(equalTo: series.rawValue) {
                    r = ManifestByteReader(bytes, from: start)
                    found.append(try SeriesCatalog.readEntry(&r))
                }
            }
        } catch {
            preconditionFailure("the series catalog passed its check but not decoding: \(error)")
        }
        return found
    }
}
