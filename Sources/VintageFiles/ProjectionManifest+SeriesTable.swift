import Synchronization
import VintageCore

extension ProjectionManifest {
    /// Every series' entry in a manifest, by id.
    ///
    /// A decoded manifest keeps its bytes (their checksum checked) and decodes a series'
    /// entry the first time it is asked for: a query of one series decodes one entry, not
    /// the thousands of chunk references of the others. In format 3 the entry is found
    /// through the manifest's series index (a binary search over ids compared in place);
    /// formats 1 and 2, which have no index, are scanned once when decoded. Entries set
    /// since replace the bytes' ones. Equal tables hold equal entries, however they were made.
    ///
    /// A format-3 manifest decoded with `checkingEveryEntry: false` checks an entry's
    /// structure only when it is decoded: read it with ``entry(_:)``, which throws when
    /// it is damaged (the subscript, ``dictionary`` and ``keys`` of such a table are for
    /// entries already checked — see ``checkEveryEntry()``).
    public struct SeriesTable: Hashable, Sendable, ExpressibleByDictionaryLiteral {
        /// Entries set, or decoded eagerly.
        private var entries: [SeriesID: Series]
        /// The entries still only in a format-1 or -2 manifest's bytes: where each starts.
        private var pending: [SeriesID: Int] = [:]
        /// The ids of a format-3 manifest's index that were set or removed since (their
        /// bytes no longer count).
        private var shadowed: Set<SeriesID> = []
        /// The manifest's bytes and the entries decoded from them so far (nil: none).
        private var encoded: EncodedSeriesEntries?

        /// A table of the given entries.
        public init(_ entries: [SeriesID: Series] = [:]) {
            self.entries = entries
        }

        public init(dictionaryLiteral elements: (SeriesID, Series)...) {
            self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
        }

        /// A table of the entries starting at `offsets` in `bytes` (format 1 or 2), scanned and checked.
        init(offsets: [SeriesID: Int], bytes: [UInt8], version: UInt32) {
            entries = [:]
            pending = offsets
            encoded = offsets.isEmpty ? nil : EncodedSeriesEntries(bytes: bytes, version: version, index: nil)
        }

        /// A table of the entries a format-3 manifest's `index` finds in `bytes`.
        init(index: ManifestSeriesIndex, bytes: [UInt8]) {
            entries = [:]
            encoded = index.count == 0 ? nil : EncodedSeriesEntries(bytes: bytes, version: 3, index: index)
        }

        /// The entry of `id`, or nil when the table has none; throws when its bytes are
        /// damaged (a format-3 entry not checked when the manifest was decoded).
        public func entry(_ id: SeriesID) throws(ManifestError) -> Series? {
            if let entry = entries[id] { return entry }
            guard let encoded else { return nil }
            if let index = encoded.index {
                guard !shadowed.contains(id), let position = index.position(of: id) else { return nil }
                return try encoded.entry(id, at: index.start(position), end: index.end(position))
            }
            guard let offset = pending[id] else { return nil }
            return try encoded.entry(id, at: offset, end: nil)
        }

        /// Checks every entry still only in a format-3 manifest's bytes as decoding it would
        /// (without decoding it), throwing at the first damaged one.
        public func checkEveryEntry() throws(ManifestError) {
            guard let encoded, let index = encoded.index else { return }
            var previousName: String? = nil
            for position in 0..<index.count {
                var r = ManifestByteReader(encoded.bytes, from: index.start(position), to: index.end(position))
                let id = try ProjectionManifest.skipSeries(&r, version: encoded.version, previousName: &previousName)
                try r.expectEnd("the entry of series \(id)")
            }
        }

        /// The entry of `id`, or nil when the table has none; setting nil removes it.
        /// Reading a damaged entry (see ``entry(_:)``) is a programming error.
        public subscript(id: SeriesID) -> Series? {
            get {
                do { return try entry(id) } catch {
                    preconditionFailure("the manifest entry of \(id) is damaged, read it with entry(_:) first: \(error)")
                }
            }
            set {
                pending[id] = nil
                if let index = encoded?.index, index.position(of: id) != nil { shadowed.insert(id) }
                entries[id] = newValue
            }
        }

        /// The ids of every entry, in no particular order.
        public var keys: [SeriesID] {
            var all = Array(entries.keys) + Array(pending.keys)
            if let index = encoded?.index {
                all.reserveCapacity(all.count + index.count)
                for position in 0..<index.count {
                    let id = index.id(position)
                    if !shadowed.contains(id) { all.append(id) }
                }
            }
            return all
        }

        /// The number of entries.
        public var count: Int { entries.count + pending.count + (encoded?.index?.count ?? 0) - shadowed.count }

        /// Whether the table has no entry.
        public var isEmpty: Bool { count == 0 }

        /// Every entry, decoded.
        public var dictionary: [SeriesID: Series] {
            var all = entries
            all.reserveCapacity(count)
            for id in keys where all[id] == nil { all[id] = self[id] }
            return all
        }

        /// The bytes of `id`'s entry in a format-3 manifest this table was decoded from,
        /// when they still stand for it (copied as they are by ``ProjectionManifest/encoded()``).
        func unchangedEntryBytes(_ id: SeriesID) -> ArraySlice<UInt8>? {
            guard entries[id] == nil, !shadowed.contains(id), let encoded, let index = encoded.index,
                let position = index.position(of: id)
            else { return nil }
            return encoded.bytes[index.start(position)..<index.end(position)]
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
    /// A format-3 manifest's series index (nil: formats 1 and 2, scanned when decoded).
    let index: ManifestSeriesIndex?
    private let decoded = Mutex<[SeriesID: ProjectionManifest.Series]>([:])

    init(bytes: [UInt8], version: UInt32, index: ManifestSeriesIndex?) {
        self.bytes = bytes
        self.version = version
        self.index = index
    }

    /// The entry of `id`, which starts at `offset` (and, in format 3, ends at `end`), decoded once.
    func entry(_ id: SeriesID, at offset: Int, end: Int?) throws(ManifestError) -> ProjectionManifest.Series {
        if let entry = decoded.withLock({ $0[id] }) { return entry }
        var r = ManifestByteReader(bytes, from: offset, to: end ?? bytes.count - 4)
        let entry: ProjectionManifest.Series
        if end != nil {
            // Format 3: checked now, as decoding formats 1 and 2 checked every entry.
            let read = try ProjectionManifest.readSeries(&r, version: version)
            guard read.id == id else { throw .damaged("the index names series \(id) but its entry names \(read.id)") }
            try r.expectEnd("the entry of series \(id)")
            entry = read.entry
        } else {
            do {
                entry = try ProjectionManifest.readSeries(&r, version: version).entry
            } catch {
                // The scan at decoding made the same checks on these same bytes.
                preconditionFailure("the manifest entry of \(id) passed its scan but not decoding: \(error)")
            }
        }
        decoded.withLock { $0[id] = entry }
        return entry
    }
}
