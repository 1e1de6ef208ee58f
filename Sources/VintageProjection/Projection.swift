import VintageColumnar
import VintageCore
import VintageFiles
import VintageFolds

/// The store's read side on disk: per series, immutable chunks of vintage rows plus a small
/// head in the manifest, the series catalog, the announcement timeline and the applied
/// corrections — everything a query needs, at the log seq the manifest records.
///
/// A `Projection` value is one process's view of the projection directory. It moves forward
/// by folding the log's newer events (``catchUp(log:to:)``) and committing a new manifest;
/// only one process writes at a time (``ProjectionDirectory/withWriteLock(_:)``), readers
/// never lock. Chunks, once written, are never changed, so they are cached by file name.
public struct Projection: Sendable {
    /// The most rows a series' head holds before compaction writes them into chunks.
    public static let headRowLimit = 256

    /// The directory the projection lives in.
    public let directory: ProjectionDirectory
    /// The committed manifest this view reflects (plus this process's uncommitted changes).
    public internal(set) var manifest: ProjectionManifest
    var catalog: SeriesCatalog
    var corrections: CorrectionIndex
    /// The announcement timeline, decoded from the manifest the first time it is needed (see
    /// ``announcementTimeline()``); most commands never need it.
    var decodedAnnouncements: AnnouncementTimeline?
    /// Events recorded for the timeline before it was decoded, applied when it is.
    var pendingAnnouncementEvents: [SequencedEvent] = []
    /// Whether the timeline changed since the manifest was read (it is re-encoded only then).
    var announcementsChanged = false
    /// Decoded heads, by series; entries of series changed since the last commit are dirty.
    var heads: [SeriesID: SeriesHead] = [:]
    var dirtySeries: Set<SeriesID> = []
    /// Decoded chunk rows, by location (chunks are immutable).
    var rowCache = ChunkRowCache()
    /// Opened chunk files, by file name, for scans that decode single columns.
    var openedChunks = OpenedChunkCache()
    /// The rows of chunks' last points, by location, for `--latest`.
    var tailCache = ChunkTailCache()
    /// The current metadata of every defined series, computed once per catalog change.
    var currentMetadata: [SeriesID: SeriesMetadata]?
    /// The ids of ``currentMetadata``, in id order, computed once per catalog change.
    var currentOrder: [SeriesID]?
    /// The version of the MANIFEST file this view was read from (nil: none read yet).
    var manifestVersion: FileVersion?
    /// Whether chunk files were written since the last commit, to be synced before it.
    var unsyncedFiles = false
    /// The segment files written since the last commit, to be synced before it.
    var unsyncedSegments: [String] = []
    /// The figures (observations, release entries, announcement values) the last rebuild folded.
    public internal(set) var figuresFolded = 0
    /// The writer of new chunks.
    var writer = SeriesChunkWriter()
    /// Whether a commit since this flag was last cleared dropped chunk files from the
    /// manifest (garbage for ``ProjectionDirectory/collectGarbage()`` once no reader needs them).
    public var replacedChunks = false

    /// The log seq the projection reflects.
    public var logSeq: Int64 { manifest.logSeq }

    /// Opens the projection of the store at `storePath`, creating an empty one if missing.
    public static func open(inStore storePath: String) throws(ProjectionError) -> Projection {
        do {
            let directory = try ProjectionDirectory.open(inStore: storePath)
            let version = DurableFiles.version(of: directory.manifestPath)
            // Series entries are checked as they are read (`entry(of:)`): a query of one
            // series checks one entry of thousands.
            var projection = try Projection(directory: directory, manifest: directory.currentManifest(checkingEveryEntry: false))
            projection.manifestVersion = version
            return projection
        } catch let error as ProjectionError {
            throw error
        } catch {
            throw .file(error as! ProjectionFileError)
        }
    }

    /// An empty view of `directory`, for rebuilding a projection whose manifest cannot be read.
    public static func empty(in directory: ProjectionDirectory) -> Projection {
        try! Projection(directory: directory, manifest: ProjectionManifest())
    }

    /// A view of `manifest` in `directory`.
    init(directory: ProjectionDirectory, manifest: ProjectionManifest) throws(ProjectionError) {
        self.directory = directory
        self.manifest = manifest
        do {
            catalog = try SeriesCatalog(decoding: Self.inline(manifest.attachments[Self.catalogName]))
            corrections = try CorrectionIndex(decoding: Self.inline(manifest.attachments[Self.correctionsName]))
        } catch {
            throw .manifest(what: "catalog", error)
        }
    }

    /// The largest announcement timeline kept inline in the manifest; a larger one gets a file.
    static let inlineAnnouncementsLimit = 16 * 1024

    static let catalogName = "catalog"
    static let correctionsName = "corrections"
    static let announcementsName = "announcements"

    static func inline(_ stored: StoredBytes?) -> [UInt8] {
        if case let .inline(bytes) = stored { return bytes }
        return []
    }

    /// Re-reads the committed manifest when another process (or a snapshot restore) has
    /// replaced it since this view read it; a `stat` when nothing changed.
    public mutating func reload() throws(ProjectionError) {
        let version = DurableFiles.version(of: directory.manifestPath)
        if version != nil && version == manifestVersion && dirtySeries.isEmpty { return }
        let current: ProjectionManifest
        do { current = try directory.currentManifest(checkingEveryEntry: false) } catch { throw .file(error) }
        let decoded = rowCache, opened = openedChunks, tails = tailCache
        self = try Projection(directory: directory, manifest: current)
        rowCache = decoded
        openedChunks = opened
        tailCache = tails
        manifestVersion = version
    }

    /// The manifest's entry of `series` (nil: none), checked when first read: every use of
    /// an entry goes through here before the manifest's subscript.
    func entry(of series: SeriesID) throws(ProjectionError) -> ProjectionManifest.Series? {
        do { return try manifest.series.entry(series) } catch {
            throw .manifest(what: "entry of series '\(series)' in \(directory.manifestPath)", error)
        }
    }

    /// The head of `series`, decoded from the manifest once.
    mutating func head(of series: SeriesID) throws(ProjectionError) -> SeriesHead {
        if let head = heads[series] { return head }
        guard let entry = try entry(of: series) else { return SeriesHead() }
        let head: SeriesHead
        do {
            let bytes = try directory.read(entry.head)
            head = try SeriesHead(decoding: bytes)
        } catch let error as ManifestError {
            throw .manifest(what: "head of series '\(series)'", error)
        } catch {
            throw .file(error as! ProjectionFileError)
        }
        heads[series] = head
        return head
    }

    /// The chunk `reference` of `series`, read, checked and opened.
    func openChunk(_ reference: ChunkReference, of series: SeriesID, statuses: StatusTable) throws(ProjectionError) -> SeriesChunk {
        let bytes: [UInt8]
        do { bytes = try directory.readChunk(reference) } catch { throw .file(error) }
        do { return try SeriesChunk(bytes: bytes, statuses: statuses) } catch {
            throw .chunk(series: series, file: reference.name, error)
        }
    }

    /// The status table of `series`.
    func statuses(of series: SeriesID) throws(ProjectionError) -> StatusTable {
        let codes = try entry(of: series)?.statuses ?? [nil]
        do { return try StatusTable(codeList: codes) } catch {
            throw .chunk(series: series, file: "MANIFEST", error)
        }
    }

    /// The chunks of `series` that may hold valid times in `from..<to` (nil: unbounded),
    /// judged by the range each reference records, without reading any file.
    func chunkReferences(of series: SeriesID, from: Int64? = nil, to: Int64? = nil) throws(ProjectionError) -> [ChunkReference] {
        guard let entry = try entry(of: series) else { return [] }
        return entry.chunks.filter { reference in
            guard let range = ChunkSummary.range(reference.summary) else { return true }
            if let from, range.last < from { return false }
            if let to, range.first >= to { return false }
            return true
        }
    }
}
