extension ProjectionDirectory {
    /// Checks every file of the projection and returns every problem found, one line each
    /// naming the file: a current or snapshot manifest or snapshot `INFO` that cannot be read,
    /// and every chunk a manifest names whose file is missing or too short, or whose bytes
    /// have another CRC-32C.
    /// Empty when all is well. Never throws and never crashes on damage.
    ///
    /// A chunk in a file shared by hard link between the current projection and snapshots is
    /// read once.
    public func verifyFiles() -> [String] {
        var problems: [String] = []
        var checked = Set<FileKey>()

        func check(_ reference: ChunkReference, in directory: String) {
            let path = directory + "/" + reference.name
            let key = DurableFiles.identity(of: path).map {
                FileKey(
                    device: $0.device, inode: $0.inode, offset: reference.offset, byteCount: reference.byteCount,
                    checksum: reference.checksum)
            }
            // Another name of a file already checked against the same record: reported once.
            if let key, !checked.insert(key).inserted { return }
            do {
                _ = try Self.readVerified(reference, in: directory)
            } catch {
                problems.append(error.description)
            }
        }

        do {
            if let current = try Self.manifest(at: manifestPath) {
                for file in current.referencedFiles { check(file, in: chunksPath) }
            }
        } catch {
            problems.append(error.description)
        }

        let names: [String]
        do { names = try snapshotNames() } catch {
            problems.append(error.description)
            return problems
        }
        for name in names {
            let directory = snapshotPath(name)
            do { _ = try snapshotCreationTime(name) } catch { problems.append(error.description) }
            do {
                guard let manifest = try Self.manifest(at: directory + "/" + Self.manifestName) else {
                    problems.append("\(directory)/\(Self.manifestName): missing")
                    continue
                }
                for file in manifest.referencedFiles { check(file, in: directory) }
            } catch {
                problems.append(error.description)
            }
        }
        return problems
    }

    /// A file's identity together with what it was checked against.
    private struct FileKey: Hashable {
        var device: UInt64
        var inode: UInt64
        var offset: Int
        var byteCount: Int
        var checksum: UInt32
    }
}
