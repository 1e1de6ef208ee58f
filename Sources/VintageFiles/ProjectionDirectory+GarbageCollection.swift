extension ProjectionDirectory {
    /// Removes what no manifest needs: files in `chunks/` (chunk and segment files) that
    /// neither the current manifest nor any snapshot's manifest names (chunks of abandoned or crashed writes, chunks
    /// replaced by later commits, temporary files), temporary manifests, and half-created or
    /// half-deleted snapshot directories.
    ///
    /// Removes nothing when the current manifest cannot be read. Call it only as the single
    /// writer (see ``ProjectionDirectory``): the chunks of a write in progress are garbage
    /// until their manifest is committed.
    @discardableResult
    public func collectGarbage() throws(ProjectionFileError) -> GarbageCollectionReport {
        var report = GarbageCollectionReport()
        var live = Set<String>()
        if let current = try Self.manifest(at: manifestPath) {
            live.formUnion(current.referencedFileNames)
        }
        for name in try snapshotNames() {
            do {
                if let manifest = try Self.manifest(at: snapshotPath(name) + "/" + Self.manifestName) {
                    live.formUnion(manifest.referencedFileNames)
                } else {
                    report.unreadableSnapshots.append(name)
                }
            } catch {
                report.unreadableSnapshots.append(name)
            }
        }

        for name in try DurableFiles.entries(of: chunksPath) ?? [] where !live.contains(name) {
            let path = chunkPath(name)
            guard DurableFiles.kind(of: path) == .file else { continue }
            let size = (try? DurableFiles.fileSize(path)) ?? 0
            try DurableFiles.remove(path)
            report.removed.append(path)
            report.byteCount += size
        }
        for name in try DurableFiles.entries(of: path) ?? [] where name.hasPrefix(Self.temporaryPrefix) {
            let path = self.path + "/" + name
            guard DurableFiles.kind(of: path) == .file else { continue }
            try DurableFiles.remove(path)
            report.removed.append(path)
        }
        for name in try DurableFiles.entries(of: snapshotsPath) ?? [] where name.hasPrefix(".") {
            let path = snapshotsPath + "/" + name
            if DurableFiles.kind(of: path) == .directory { try DurableFiles.removeTree(path) } else { try DurableFiles.remove(path) }
            report.removed.append(path)
        }
        if !report.removed.isEmpty {
            try DurableFiles.syncDirectory(chunksPath)
            try DurableFiles.syncDirectory(snapshotsPath)
            try DurableFiles.syncDirectory(path)
        }
        return report
    }

    /// Removes what a killed `snapshot create` or `delete` left in `snapshots/` (hidden
    /// `.tmp-*` and `.deleting-*` directories); returns how many. Cheap when there are none
    /// (one directory listing), so every write calls it. Call it only as the single writer.
    @discardableResult
    public func removeSnapshotLeftovers() throws(ProjectionFileError) -> Int {
        var removed = 0
        for name in try DurableFiles.entries(of: snapshotsPath) ?? [] where name.hasPrefix(".") {
            let path = snapshotsPath + "/" + name
            if DurableFiles.kind(of: path) == .directory { try DurableFiles.removeTree(path) } else { try DurableFiles.remove(path) }
            removed += 1
        }
        if removed > 0 { try DurableFiles.syncDirectory(snapshotsPath) }
        return removed
    }
}
