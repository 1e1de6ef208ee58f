/// Where a chunk's bytes are: a file in the chunk directory and the offset in it. Files are
/// immutable, so a location always names the same bytes.
public struct ChunkLocation: Hashable, Sendable {
    /// The file name inside `chunks/`.
    public var name: String
    /// Where the chunk starts in the file.
    public var offset: Int

    /// The chunk at `offset` in the file `name`.
    public init(name: String, offset: Int) {
        self.name = name
        self.offset = offset
    }
}
