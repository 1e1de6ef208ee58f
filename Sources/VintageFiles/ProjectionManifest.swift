import VintageCore

/// The projection's table of contents and its single commit point: the log seq the
/// projection reflects and, per series, the immutable chunk files and the head that hold
/// its rows.
///
/// A manifest names files; it never changes one. Moving the projection forward means
/// writing new files and committing a new manifest (``ProjectionDirectory/commit(_:)``).
public struct ProjectionManifest: Hashable, Sendable {
    /// The manifest format this build writes and the newest it reads (2: chunks record
    /// their offset in the file, for segment files; 3: a series index, so that one
    /// series' entry is found and checked without reading the others).
    public static let formatVersion: UInt32 = 3

    /// What the manifest records for one series.
    public struct Series: Hashable, Sendable {
        /// The series' chunk files, in the writer's order.
        public var chunks: [ChunkReference]
        /// The series' head: its newest rows and pending overrides, opaque here.
        public var head: StoredBytes
        /// The series' status table: the status strings its chunks refer to by code.
        public var statuses: [String?]

        /// A series entry with the given chunks, head and status table.
        public init(chunks: [ChunkReference] = [], head: StoredBytes = .empty, statuses: [String?] = []) {
            self.chunks = chunks
            self.head = head
            self.statuses = statuses
        }
    }

    /// The seq of the last log event the projection reflects (0: none).
    public var logSeq: Int64
    /// Every series held in the projection (a decoded manifest's entries are decoded when
    /// first asked for).
    public var series: SeriesTable
    /// Small store-wide string tables, by name.
    public var tables: [String: [String?]]
    /// Store-wide opaque data (e.g. the series catalog), by name.
    public var attachments: [String: StoredBytes]

    /// A manifest at `logSeq` with the given contents; the default is the empty projection.
    public init(
        logSeq: Int64 = 0,
        series: [SeriesID: Series] = [:],
        tables: [String: [String?]] = [:],
        attachments: [String: StoredBytes] = [:]
    ) {
        self.logSeq = logSeq
        self.series = SeriesTable(series)
        self.tables = tables
        self.attachments = attachments
    }

    /// The names of every file ``referencedFiles`` lie in, each once, in a stable order.
    public var referencedFileNames: [String] {
        var seen = Set<String>()
        return referencedFiles.compactMap { seen.insert($0.name).inserted ? $0.name : nil }
    }

    /// Every chunk of bytes the manifest names in files — chunks, heads and attachments
    /// kept in files — each once, in a stable order. Several can lie in one segment file.
    public var referencedFiles: [ChunkReference] {
        var seen = Set<ChunkLocation>()
        var files: [ChunkReference] = []
        func add(_ reference: ChunkReference) {
            if seen.insert(reference.location).inserted { files.append(reference) }
        }
        for id in series.keys.sorted() {
            let entry = series[id]!
            entry.chunks.forEach(add)
            if let file = entry.head.fileReference { add(file) }
        }
        for name in attachments.keys.sorted() {
            if let file = attachments[name]!.fileReference { add(file) }
        }
        return files
    }
}
