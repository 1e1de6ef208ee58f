import Synchronization
import VintageCore

extension ProjectionManifest {
    /// Every series' entry in a manifest, by id.
    ///
    /// A decoded manifest keeps its series section's bytes (their checksum checked, their
    /// structure checked by a scan that makes no chunk references) and decodes a series'
    /// entry the first time it is asked for: a query of one series decodes one entry, not
    /// the thousands of chunk references of the others. Entries set since replace the
    /// bytes' ones. Equal tables hold equal entries, however they were made.
    public struct SeriesTable: Hashable, Sendable, ExpressibleByDictionaryLiteral {
        /// Entries set, or decoded eagerly.
        private var entries: [SeriesID: Series]
        /// The entries still only in the manifest's bytes: where each starts.
        private var pending: [SeriesID: Int] = [:]
        /// The manifest's bytes and the entries decoded from them so far (nil: none).
        private var encoded: EncodedSeriesEntries?

        /// A table of the given entries.
        public init(_ entries: [SeriesID: Series] = [:]) {
            self.entries = entries
        }

        public init(dictionaryLiteral elements: (SeriesID, Series)...) {
            self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
        }

        /// A table of the entries starting at `offsets` in `bytes`, scanned and checked.
        init(offsets: [SeriesID: Int], bytes: [UInt8], version: UInt32) {
            entries = [:]
            pending = offsets
            encoded = offsets.isEmpty ? nil : EncodedSeriesEntries(bytes: bytes, version: version)
        }

        /// The entry of `id`, or nil when the table has none; setting nil removes it.
        public subscript(id: SeriesID) -> Series? {
            get {
                if let entry = entries[id] { return entry }
                guard let offset = pending[id], let encoded else { return nil }
                return encoded.entry(id, at: offset)
            }
            set {
                pending[id] = nil
                entries[id] = newValue
            }
        }

        /// The ids of every entry, in no particular order.
        public var keys: [SeriesID] { Array(entries.keys) + Array(pending.keys) }

        /// The number of entries.
        public var count: Int { entries.count + pending.count }

        /// Whether the table has no entry.
        public var isEmpty: Bool { entries.isEmpty && pending.isEmpty }

        /// Every entry, decoded.
        public var dictionary: [SeriesID: Series] {
            var all = entries
            all.reserveCapacity(count)
            for id in pending.keys { all[id] = self[id] }
            return all
        }

        public static func == (a: SeriesTable, b: SeriesTable) -> Bool {
            a.count == b.count && a.dictionary == b.dictionary
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(count)
            for id in keys.sorted() { hasher.combine(id) }
        }
    }
}

/// A manifest's bytes and the series entries decoded from them, shared by the copies of a
/// ``ProjectionManifest/SeriesTable`` (the bytes never change, so neither does an entry).
final class EncodedSeriesEntries: Sendable {
    let bytes: [UInt8]
    let version: UInt32
    private let decoded = Mutex<[SeriesID: ProjectionManifest.Series]>([:])

    init(bytes: [UInt8], version: UInt32) {
        self.bytes = bytes
        self.version = version
    }

    /// The entry of `id`, which starts at `offset`, decoded once.
    func entry(_ id: SeriesID, at offset: Int) -> ProjectionManifest.Series {
        if let entry = decoded.withLock({ $0[id] }) { return entry }
        var r = ManifestByteReader(bytes, from: offset, to: bytes.count - 4)
        let entry: ProjectionManifest.Series
        do {
            entry = try ProjectionManifest.readSeries(&r, version: version).entry
        } catch {
            // The scan at decoding made the same checks on these same bytes.
            preconditionFailure("the manifest entry of \(id) passed its scan but not decoding: \(error)")
        }
        decoded.withLock { $0[id] = entry }
        return entry
    }
}
