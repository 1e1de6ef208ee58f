import VintageProjection
import VintageSystem

extension Store {
    /// Counts and sizes of the store (see ``StoreStatistics``); counting reads every chunk's
    /// row keys once.
    public func statistics() throws(StoreError) -> StoreStatistics {
        let logFormat = log.withLock { $0.format }
        return try withProjection { projection, _ in
            var points = 0, vintages = 0
            let defined = projection.metadata()
            for series in projection.seriesIDs {
                let counts = try projection.counts(of: series)
                points += counts.points
                vintages += counts.vintages
            }
            let logPath = Store.logPath(in: directory)
            let logBytes = [logPath, logPath + "-wal", logPath + "-shm"].reduce(0) { $0 + Self.fileSize($1) }
            var statistics = StoreStatistics(
                events: projection.logSeq, series: defined.count, points: points, vintages: vintages,
                logBytes: logBytes, projectionBytes: try projection.storedByteCount())
            statistics.storeBytes = Self.diskBytes(under: directory)
            statistics.logFormat = logFormat
            return statistics
        }
    }

    /// The bytes on disk of everything under `path`, as `du` counts them (allocated blocks;
    /// hard-linked files once).
    static func diskBytes(under path: String) -> Int {
        var seen = Set<UInt64>()
        func walk(_ path: String) -> Int {
            guard let status = try? FileDescriptor.status(ofPath: path, followingLinks: false) else { return 0 }
            var total = 0
            if status.links <= 1 || seen.insert(status.inode).inserted { total += Int(status.allocatedSize) }
            guard status.kind == .directory, let names = try? FileDescriptor.entries(ofDirectory: path) else { return total }
            for name in names { total += walk(path + "/" + name) }
            return total
        }
        return walk(path)
    }

    static func fileSize(_ path: String) -> Int {
        (try? FileDescriptor.status(ofPath: path))?.size ?? 0
    }
}
