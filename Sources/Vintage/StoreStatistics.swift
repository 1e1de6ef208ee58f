/// What `vintage stats` reports: how much the store holds and what it costs on disk.
public struct StoreStatistics: Hashable, Sendable {
    /// Events in the log.
    public var events: Int64
    /// Defined series.
    public var series: Int
    /// Points (series × valid time) with a current vintage.
    public var points: Int
    /// Current vintages (series × valid time × release time).
    public var vintages: Int
    /// Bytes of the log's files (database, WAL).
    public var logBytes: Int
    /// Bytes of the projection: the files its manifest names and the manifest itself.
    public var projectionBytes: Int

    /// Bytes the whole store directory takes on disk, as `du` counts them: the log, its
    /// indexes, the projection, snapshots and every other file in it.
    public var storeBytes: Int = 0
    /// The log's format version.
    public var logFormat: Int = 0

    /// Bytes of the whole store per current vintage (0 when there are none).
    public var storeBytesPerVintage: Double { vintages == 0 ? 0 : Double(storeBytes) / Double(vintages) }
    /// Projection bytes per current vintage (0 when there are none).
    public var bytesPerVintage: Double { vintages == 0 ? 0 : Double(projectionBytes) / Double(vintages) }
    /// Projection bytes per point (0 when there are none).
    public var bytesPerPoint: Double { points == 0 ? 0 : Double(projectionBytes) / Double(points) }
}
