extension ProjectionDirectory {
    /// The name of a snapshot's description file.
    static let snapshotInfoName = "INFO"
    /// The prefix under which a snapshot being deleted waits for removal.
    static let deletingPrefix = ".deleting-"

    /// The directory of the snapshot `name`.
    public func snapshotPath(_ name: String) -> String { snapshotsPath + "/" + name }

    /// Creates the snapshot `name`: a copy of the current manifest plus a hard link to every
    /// file it names, in `snapshots/<name>/`. No chunk bytes are copied.
    ///
    /// The snapshot is assembled in a temporary directory (links, `MANIFEST`, `INFO`, each
    /// fsynced) that is then renamed to its name, so a crash leaves either no snapshot or a
    /// complete one. `createdAt` defaults to now (microseconds since the epoch).
    @discardableResult
    public func createSnapshot(name: String, createdAt: Int64? = nil) throws(ProjectionFileError) -> SnapshotInfo {
        if let problem = SnapshotInfo.problem(withName: name) { throw .invalidSnapshotName(name, reason: problem) }
        let final = snapshotPath(name)
        guard DurableFiles.kind(of: final) == .missing else { throw .snapshotExists(name) }

        let manifestBytes = try DurableFiles.readFile(manifestPath) ?? ProjectionManifest().encoded()
        let manifest: ProjectionManifest
        do { manifest = try ProjectionManifest(decoding: manifestBytes) } catch { throw .unreadableManifest(path: manifestPath, error) }
        let created = createdAt ?? DurableFiles.nowMicroseconds()

        let temporary = snapshotsPath + "/" + Self.temporaryPrefix + name + "-" + DurableFiles.uniqueSuffix()
        try DurableFiles.makeDirectory(temporary)
        do throws(ProjectionFileError) {
            for file in manifest.referencedFileNames {
                let source = chunkPath(file)
                guard DurableFiles.kind(of: source) == .file else { throw ProjectionFileError.chunkMissing(path: source) }
                _ = try DurableFiles.hardLink(source, temporary + "/" + file)
            }
            try DurableFiles.createSynced(temporary + "/" + Self.manifestName, bytes: manifestBytes)
            try DurableFiles.createSynced(temporary + "/" + Self.snapshotInfoName, bytes: SnapshotInfoFile.encode(createdAt: created))
            try DurableFiles.syncDirectory(temporary)
            // rename(2) fails on a non-empty destination: a snapshot created meanwhile is kept.
            guard DurableFiles.kind(of: final) == .missing else { throw ProjectionFileError.snapshotExists(name) }
            try DurableFiles.renameReplacing(temporary, final)
        } catch {
            try? DurableFiles.removeTree(temporary)
            throw error
        }
        try DurableFiles.syncDirectory(snapshotsPath)
        return SnapshotInfo(
            name: name, logSeq: manifest.logSeq, createdAt: created,
            byteCount: manifestBytes.count + manifest.referencedFiles.reduce(0) { $0 + $1.byteCount },
            fileCount: manifest.referencedFileNames.count)
    }

    /// Every snapshot, oldest first. A snapshot whose `MANIFEST` or `INFO` cannot be read is
    /// listed with its ``SnapshotInfo/damage`` (``verifyFiles()`` lists every problem;
    /// ``deleteSnapshot(name:)`` removes such a snapshot).
    public func listSnapshots() throws(ProjectionFileError) -> [SnapshotInfo] {
        var infos: [SnapshotInfo] = []
        for name in try snapshotNames() {
            let read: (ProjectionManifest, Int64, Int)
            do { read = try readSnapshot(name) } catch {
                var damaged = SnapshotInfo(name: name, logSeq: 0, createdAt: 0, byteCount: 0, fileCount: 0)
                damaged.damage = error.description
                infos.append(damaged)
                continue
            }
            let (manifest, created, manifestSize) = read
            infos.append(
                SnapshotInfo(
                    name: name, logSeq: manifest.logSeq, createdAt: created,
                    byteCount: manifestSize + manifest.referencedFiles.reduce(0) { $0 + $1.byteCount },
                    fileCount: manifest.referencedFileNames.count))
        }
        return infos.sorted { ($0.createdAt, $0.name) < ($1.createdAt, $1.name) }
    }

    /// Makes the snapshot `name`'s manifest the current one, through the same atomic
    /// ``commit(_:)`` as any other change, and returns it. Chunk files the snapshot names but
    /// `chunks/` lacks are first relinked from the snapshot.
    ///
    /// The restored manifest reflects the log only up to its ``ProjectionManifest/logSeq``;
    /// the caller must then catch up from that seq by folding the log's tail, as on every
    /// open. So restoring never hides events logged after the snapshot — it only drops the
    /// projection state built since, which the catch-up rebuilds from the log. The snapshot
    /// itself is unchanged and can be restored again.
    @discardableResult
    public func restoreSnapshot(name: String) throws(ProjectionFileError) -> ProjectionManifest {
        if let problem = SnapshotInfo.problem(withName: name) { throw .invalidSnapshotName(name, reason: problem) }
        let directory = snapshotPath(name)
        guard DurableFiles.kind(of: directory) == .directory else { throw .snapshotNotFound(name) }
        guard let manifest = try Self.manifest(at: directory + "/" + Self.manifestName) else {
            throw .unreadableManifest(path: directory + "/" + Self.manifestName, .damaged("missing"))
        }
        for file in manifest.referencedFileNames where DurableFiles.kind(of: chunkPath(file)) == .missing {
            let source = directory + "/" + file
            guard DurableFiles.kind(of: source) == .file else { throw .chunkMissing(path: source) }
            _ = try DurableFiles.hardLink(source, chunkPath(file))
        }
        try commit(manifest)
        return manifest
    }

    /// Deletes the snapshot `name`. The chunk files it shared stay while the current
    /// manifest or another snapshot names them; the others become garbage for
    /// ``collectGarbage()``.
    ///
    /// The directory is first renamed to a hidden name (the commit point of the deletion),
    /// then removed; a crash in between leaves garbage, never half a snapshot.
    public func deleteSnapshot(name: String) throws(ProjectionFileError) {
        if let problem = SnapshotInfo.problem(withName: name) { throw .invalidSnapshotName(name, reason: problem) }
        let directory = snapshotPath(name)
        guard DurableFiles.kind(of: directory) == .directory else { throw .snapshotNotFound(name) }
        let doomed = snapshotsPath + "/" + Self.deletingPrefix + name + "-" + DurableFiles.uniqueSuffix()
        try DurableFiles.renameReplacing(directory, doomed)
        try DurableFiles.syncDirectory(snapshotsPath)
        try DurableFiles.removeTree(doomed)
    }

    /// The names of the snapshots (directories in `snapshots/` not starting with `.`), sorted.
    func snapshotNames() throws(ProjectionFileError) -> [String] {
        (try DurableFiles.entries(of: snapshotsPath) ?? []).filter {
            !$0.hasPrefix(".") && DurableFiles.kind(of: snapshotPath($0)) == .directory
        }
    }

    /// The snapshot's manifest, creation time and manifest size.
    private func readSnapshot(_ name: String) throws(ProjectionFileError) -> (ProjectionManifest, Int64, Int) {
        let manifestFile = snapshotPath(name) + "/" + Self.manifestName
        guard let bytes = try DurableFiles.readFile(manifestFile) else {
            throw .unreadableManifest(path: manifestFile, .damaged("missing"))
        }
        let manifest: ProjectionManifest
        do { manifest = try ProjectionManifest(decoding: bytes) } catch { throw .unreadableManifest(path: manifestFile, error) }
        return (manifest, try snapshotCreationTime(name), bytes.count)
    }

    /// The creation time recorded in the snapshot's `INFO`.
    func snapshotCreationTime(_ name: String) throws(ProjectionFileError) -> Int64 {
        let infoFile = snapshotPath(name) + "/" + Self.snapshotInfoName
        guard let bytes = try DurableFiles.readFile(infoFile) else { throw .unreadableSnapshotInfo(path: infoFile, reason: "missing") }
        switch SnapshotInfoFile.decode(bytes) {
        case let .success(created): return created
        case let .failure(.damaged(reason)): throw .unreadableSnapshotInfo(path: infoFile, reason: "damaged snapshot description: \(reason)")
        case let .failure(.newerFormat(found, supported)):
            throw .unreadableSnapshotInfo(
                path: infoFile, reason: "snapshot description format \(found) was written by a newer vintage (this build reads up to \(supported))")
        }
    }
}
