/// One column in its stored form: the chosen encoding and the bytes.
public struct EncodedColumn: Sendable, Equatable {
    /// The element type.
    public var type: ColumnType
    /// The encoding of the values.
    public var encoding: Encoding
    /// Whether the encoded bytes were then LZ4-compressed.
    public var isCompressed: Bool
    /// The stored bytes (when compressed: the decoded length as a 4-byte integer, then the LZ4 block).
    public var bytes: [UInt8]
    /// Whether the encoding, or a block nested in it, is entropy-coded: the chunk holding the
    /// column is then written in format version 3.
    public var usesEntropyCoding = false

    /// Creates an encoded column from its parts.
    public init(type: ColumnType, encoding: Encoding, isCompressed: Bool, bytes: [UInt8]) {
        self.type = type
        self.encoding = encoding
        self.isCompressed = isCompressed
        self.bytes = bytes
    }
}

/// Whether the encoder tries LZ4 over a column's encoded bytes.
public enum CompressionPolicy: Sendable, Equatable {
    /// Never compress.
    case never
    /// Compress when it makes the column smaller.
    case whenSmaller
}

extension EncodedColumn {
    /// Encodes `column` in the smallest encoding, trying each, then LZ4 when `compression` allows and it pays;
    /// the entropy encoding is tried (at the top and in nested blocks) only when `allowsEntropyCoding`.
    public init(encoding column: Column, compression: CompressionPolicy = .whenSmaller, allowsEntropyCoding: Bool = true) {
        var payload: [UInt8] = []
        let encoding: Encoding
        var usesEntropy = false
        var entropyFree: (choice: Int64Codec.Choice, values: [Int64])? = nil
        switch column {
        case .int64(let v):
            payload.reserveCapacity(v.count * 2 + 16)
            let choice = v.withUnsafeBufferPointer { Int64Codec.encodeSmallest($0, allowsEntropy: allowsEntropyCoding, into: &payload) }
            (encoding, usesEntropy) = (choice.encoding, choice.usesEntropy)
            if usesEntropy { entropyFree = (choice.entropyFree, v) }
        case .double(let v):
            payload.reserveCapacity(v.count * 2 + 16)
            (encoding, usesEntropy) = v.withUnsafeBufferPointer {
                DoubleCodec.encodeSmallest($0, allowsEntropy: allowsEntropyCoding, into: &payload)
            }
        case .uint8(let v):
            payload.reserveCapacity(v.count / 2 + 16)
            encoding = v.withUnsafeBufferPointer { UInt8Codec.encodeSmallest($0, into: &payload) }
        }
        self.init(type: column.type, encoding: encoding, isCompressed: false, bytes: payload)
        self.usesEntropyCoding = usesEntropy
        guard compression == .whenSmaller else { return }
        // Below this size LZ4's own framing leaves nothing to gain.
        let worthTrying = 24
        if payload.count >= worthTrying {
            considerCompressing(encoding, payload)
        }
        // When no structural encoding won, LZ4 over the plain bytes may still find repeats.
        if encoding == .xor, case .double(let v) = column {
            var plain: [UInt8] = []
            v.withUnsafeBufferPointer { DoubleCodec.appendPlain($0, to: &plain) }
            considerCompressing(.plain, plain)
        }
        // Entropy-coded bits leave LZ4 nothing to find, where the integer encoding they beat
        // may have had repeats (monthly timestamps): that one, compressed as the encoder
        // without entropy would, is kept when no larger (and is readable by version 2).
        // Not done for Double columns, where it won on no data measured.
        if let (choice, values) = entropyFree {
            var plain: [UInt8] = []
            plain.reserveCapacity(choice.size)
            values.withUnsafeBufferPointer { Int64Codec.appendChosen($0, choice, to: &plain) }
            var without = EncodedColumn(type: .int64, encoding: choice.encoding, isCompressed: false, bytes: plain)
            if plain.count >= worthTrying { without.considerCompressing(choice.encoding, plain) }
            if without.isCompressed && without.bytes.count <= bytes.count { self = without }
        }
    }

    private mutating func considerCompressing(_ encoding: Encoding, _ payload: [UInt8]) {
        let block = payload.withUnsafeBytes { LZ4Block.compress($0) }
        guard !block.isEmpty, 4 + block.count < bytes.count else { return }
        var stored: [UInt8] = []
        stored.reserveCapacity(4 + block.count)
        stored.appendLE(UInt32(payload.count))
        stored.append(contentsOf: block)
        self.encoding = encoding
        self.isCompressed = true
        self.bytes = stored
    }
}
