/// The projection's directory on disk, `<store>/projection/`:
///
/// ```
/// MANIFEST              the commit point (``ProjectionManifest``)
/// chunks/<name>.vtch    immutable files the manifest names, never rewritten
/// snapshots/<name>/     a snapshot: MANIFEST, INFO and hard links to the chunks it names
/// ```
///
/// Files are written under temporary names starting with `.tmp-`, fsynced and linked to
/// their final names; a new manifest becomes current only through ``commit(_:)``. A crash
/// at any point leaves the previous manifest current and, at worst, files no manifest
/// names, which ``collectGarbage()`` removes.
///
/// One writer at a time: writing chunks, committing, collecting garbage and changing
/// snapshots must happen under the store's write lock (garbage collection by one process
/// would remove the chunks another is about to commit). Reading needs no lock.
public struct ProjectionDirectory: Sendable {
    /// The directory's path.
    public let path: String

    /// The name of the current manifest's file.
    public static let manifestName = "MANIFEST"
    /// The subdirectory holding chunk files.
    public static let chunksName = "chunks"
    /// The subdirectory holding snapshots.
    public static let snapshotsName = "snapshots"
    /// The prefix of every temporary name; such files and directories are garbage unless
    /// their writer is still running.
    static let temporaryPrefix = ".tmp-"

    /// The path of the current manifest.
    public var manifestPath: String { path + "/" + Self.manifestName }
    /// The path of the chunk directory.
    public var chunksPath: String { path + "/" + Self.chunksName }
    /// The path of the snapshot directory.
    public var snapshotsPath: String { path + "/" + Self.snapshotsName }

    /// The path of the chunk file `name`.
    public func chunkPath(_ name: String) -> String { chunksPath + "/" + name }

    private init(path: String) { self.path = path }

    /// Opens the projection directory at `path` (normally `<store>/projection`), creating it
    /// and its subdirectories if missing. The parent directory must exist.
    public static func open(at path: String) throws(ProjectionFileError) -> ProjectionDirectory {
        let directory = ProjectionDirectory(path: path)
        let parent = Self.parent(of: path)
        if try DurableFiles.makeDirectory(path) { try DurableFiles.syncDirectory(parent) }
        var created = false
        if try DurableFiles.makeDirectory(directory.chunksPath) { created = true }
        if try DurableFiles.makeDirectory(directory.snapshotsPath) { created = true }
        if created { try DurableFiles.syncDirectory(path) }
        return directory
    }

    /// Opens the projection directory of the store at `storePath`: `<storePath>/projection`.
    public static func open(inStore storePath: String) throws(ProjectionFileError) -> ProjectionDirectory {
        try open(at: storePath + "/projection")
    }

    /// The log seq the committed manifest of the store at `storePath` reflects (0 when none
    /// was committed), read without creating anything.
    public static func committedLogSeq(inStore storePath: String) throws(ProjectionFileError) -> Int64 {
        try manifest(at: storePath + "/projection/" + manifestName, checkingEveryEntry: false)?.logSeq ?? 0
    }

    /// The committed manifest; the empty manifest (log seq 0) when none was ever committed.
    /// With `checkingEveryEntry` false, a series' entry is checked when first read
    /// (``ProjectionManifest/SeriesTable/entry(_:)``), for readers of a few series.
    public func currentManifest(checkingEveryEntry: Bool = true) throws(ProjectionFileError) -> ProjectionManifest {
        try Self.manifest(at: manifestPath, checkingEveryEntry: checkingEveryEntry) ?? ProjectionManifest()
    }

    /// Makes `manifest` the current one — the projection's single commit point:
    ///
    /// 1. fsync `chunks/`, so every chunk linked there so far survives a crash;
    /// 2. write the manifest to a temporary file and fsync it;
    /// 3. rename it over `MANIFEST` (atomic: readers see the old or the new manifest);
    /// 4. fsync the projection directory, so the rename survives a crash.
    ///
    /// Every file the manifest names must have been written by ``writeChunk(_:summary:)``
    /// (or be named by the current manifest or a snapshot).
    public func commit(_ manifest: ProjectionManifest) throws(ProjectionFileError) {
        try DurableFiles.syncDirectory(chunksPath)
        let temporary = path + "/" + Self.temporaryPrefix + Self.manifestName + "-" + DurableFiles.uniqueSuffix()
        try DurableFiles.createSynced(temporary, bytes: manifest.encoded())
        do {
            try DurableFiles.renameReplacing(temporary, manifestPath)
        } catch {
            try? DurableFiles.remove(temporary)
            throw error
        }
        try DurableFiles.syncDirectory(path)
    }

    /// The manifest stored at `path`, or nil when there is no such file.
    static func manifest(at path: String, checkingEveryEntry: Bool = true) throws(ProjectionFileError) -> ProjectionManifest? {
        guard let bytes = try DurableFiles.readFile(path) else { return nil }
        do {
            return try ProjectionManifest(decoding: bytes, checkingEveryEntry: checkingEveryEntry)
        } catch {
            throw .unreadableManifest(path: path, error)
        }
    }

    /// The directory containing `path`.
    static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }
}
