import VintageCore
import VintageFiles
import VintageLog
import VintageProjection

extension Store {
    /// Takes a named snapshot of the projection as it stands at the log's last event (its
    /// manifest and hard links to its immutable chunks). Without a name, `seq-<N>`.
    public func createSnapshot(name: String? = nil) throws(StoreError) -> SnapshotInfo {
        try withProjection { projection, _ in
            try locks.withProjectionWriteLock(projection.directory) {
                try projection.directory.removeSnapshotLeftovers()
                return try projection.directory.createSnapshot(name: name ?? "seq-\(projection.logSeq)")
            }
        }
    }

    /// The snapshots, by name.
    public func snapshots() throws(StoreError) -> [SnapshotInfo] {
        try withProjection { projection, _ in try projection.directory.listSnapshots() }
    }

    /// Makes the snapshot `name` the projection again, then catches up with every event
    /// logged after it — a restore never hides events. Returns the snapshot's description.
    public func restoreSnapshot(name: String) throws(StoreError) -> SnapshotInfo {
        try withProjection { projection, reader in
            try locks.withProjectionWriteLock(projection.directory) {
                guard let info = try projection.directory.listSnapshots().first(where: { $0.name == name }) else {
                    throw ProjectionFileError.snapshotNotFound(name)
                }
                try projection.directory.restoreSnapshot(name: name)
                try projection.reload()
                try projection.catchUp(log: reader, to: try reader.log.lastSeq())
                projection.replacedChunks = true
                try Self.collectGarbage(&projection)
                return info
            }
        }
    }

    /// Deletes the snapshot `name`; chunks only it named are removed.
    public func deleteSnapshot(name: String) throws(StoreError) {
        try withProjection { projection, _ in
            try locks.withProjectionWriteLock(projection.directory) {
                try projection.directory.deleteSnapshot(name: name)
                projection.replacedChunks = true
                try Self.collectGarbage(&projection)
            }
        }
    }
}
