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
        try withProjection { projection, _ in
            var points = 0, vintages = 0
            let defined = projection.metadata()
            for series in projection.seriesIDs {
                let counts = try projection.counts(of: series)
                points += counts.points
                vintages += counts.vintages
            }
            let logPath = Store.logPath(in: directory)
            let logBytes = [logPath, logPath + "-wal", logPath + "-shm"].reduce(0) { $0 + Self.fileSize($1) }
            return StoreStatistics(events: projection.logSeq, series: defined.count, points: points, vintages: vintages,
                                   logBytes: logBytes, projectionBytes: projection.storedByteCount())
        }
    }

    static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
}
