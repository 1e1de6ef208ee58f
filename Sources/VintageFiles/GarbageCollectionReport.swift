/// What ``ProjectionDirectory/collectGarbage()`` removed.
public struct GarbageCollectionReport: Hashable, Sendable {
    /// The paths of the files and directories removed.
    public var removed: [String]
    /// The bytes the removed chunk-directory files held (space freed unless another link to
    /// the same file remains).
    public var byteCount: Int
    /// Snapshots whose manifest could not be read; their chunks were kept only by the
    /// snapshot's own links (a restore relinks them).
    public var unreadableSnapshots: [String]

    /// A report of `removed` paths holding `byteCount` bytes.
    public init(removed: [String] = [], byteCount: Int = 0, unreadableSnapshots: [String] = []) {
        self.removed = removed
        self.byteCount = byteCount
        self.unreadableSnapshots = unreadableSnapshots
    }
}
