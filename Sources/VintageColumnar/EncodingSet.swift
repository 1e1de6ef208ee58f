/// A set of encodings: the candidates an encoder tries, or the encodings a decoder
/// accepts at one nesting position.
struct EncodingSet: OptionSet, Sendable {
    let rawValue: UInt16

    init(rawValue: UInt16) { self.rawValue = rawValue }

    init(_ encodings: Encoding...) {
        self.rawValue = encodings.reduce(0) { $0 | (1 << UInt16($1.rawValue)) }
    }

    func contains(_ encoding: Encoding) -> Bool {
        rawValue & (1 << UInt16(encoding.rawValue)) != 0
    }

    /// The set without `encoding`.
    func removing(_ encoding: Encoding) -> EncodingSet {
        EncodingSet(rawValue: rawValue & ~(1 << UInt16(encoding.rawValue)))
    }

    /// `inner`, the candidates of a block nested in one of this set's encodings: without
    /// the entropy encoding unless this set has it (an encoder forbidden it at the top
    /// forbids it all the way down).
    func nested(_ inner: EncodingSet) -> EncodingSet {
        contains(.entropy) ? inner : inner.removing(.entropy)
    }
}

extension ByteReader {
    /// Reads a nested block's encoding id and checks it is one of `allowed`.
    mutating func nestedEncoding(_ allowed: EncodingSet, _ what: @autoclosure () -> String) throws(ChunkError) -> Encoding {
        let id = try u8("encoding of \(what())")
        guard let encoding = Encoding(rawValue: id), allowed.contains(encoding), encoding != .entropy || acceptsEntropy else {
            throw .unknownEncoding(id)
        }
        return encoding
    }
}
