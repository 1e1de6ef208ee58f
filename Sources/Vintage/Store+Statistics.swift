#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VintageProjection

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
            var statistics = StoreStatistics(events: projection.logSeq, series: defined.count, points: points, vintages: vintages,
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
            var info = stat()
            guard lstat(path, &info) == 0 else { return 0 }
            var total = 0
            if info.st_nlink <= 1 || seen.insert(UInt64(info.st_ino)).inserted { total += Int(info.st_blocks) * 512 }
            guard (info.st_mode & S_IFMT) == S_IFDIR, let directory = opendir(path) else { return total }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name == "." || name == ".." { continue }
                total += walk(path + "/" + name)
            }
            return total
        }
        return walk(path)
    }

    static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
}
