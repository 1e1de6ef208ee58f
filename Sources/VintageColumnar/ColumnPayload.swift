/// The checks every column codec (``Int64Codec``, ``DoubleCodec``, ``UInt8Codec``) makes
/// around encoding and decoding one column payload in a chosen encoding, written once.
enum ColumnPayload {
    /// Appends `count` values of type `typeName` in `encoding` with `append`, which returns
    /// false when the encoding cannot hold them.
    ///
    /// - Throws: ``ChunkError/invalidInput(_:)`` when `encoding` is not among `candidates`
    ///   or cannot hold the values.
    @inline(__always)
    static func encode(
        count: Int, of typeName: StaticString, as encoding: Encoding, among candidates: EncodingSet,
        _ append: () -> Bool
    ) throws(ChunkError) {
        guard candidates.contains(encoding), append() else {
            throw .invalidInput("\(encoding) cannot encode these \(count) \(typeName) values")
        }
    }

    /// Decodes a payload of type `typeName` in `encoding` with `body`, which reads the values;
    /// every byte must be read. Without `acceptsEntropy` (a chunk of format version 1 or 2),
    /// the entropy encoding is refused at the top and in every nested block.
    ///
    /// - Throws: ``ChunkError/unknownEncoding(_:)`` when `encoding` is not among
    ///   `candidates`; what `body` throws; ``ChunkError/malformed(_:)`` for trailing bytes.
    @inline(__always)
    static func decode(
        _ payload: UnsafeRawBufferPointer, of typeName: StaticString, as encoding: Encoding, among candidates: EncodingSet,
        acceptsEntropy: Bool = true, _ body: (inout ByteReader) throws(ChunkError) -> Void
    ) throws(ChunkError) {
        guard candidates.contains(encoding), encoding != .entropy || acceptsEntropy else { throw .unknownEncoding(encoding.rawValue) }
        var reader = ByteReader(payload)
        reader.acceptsEntropy = acceptsEntropy
        try body(&reader)
        try reader.expectEnd("the \(encoding) \(typeName) column")
    }
}
