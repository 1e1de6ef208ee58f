/// Opaque bytes the manifest keeps for a writer (a series' head, a store-wide table):
/// small ones inline in the manifest, larger ones in an immutable file of their own.
public enum StoredBytes: Hashable, Sendable {
    /// The bytes themselves, inside the manifest.
    case inline([UInt8])
    /// A file in the chunk directory holding the bytes.
    case file(ChunkReference)

    /// No bytes.
    public static let empty = StoredBytes.inline([])

    /// The file these bytes live in, if any.
    public var fileReference: ChunkReference? {
        if case let .file(reference) = self { return reference }
        return nil
    }
}
