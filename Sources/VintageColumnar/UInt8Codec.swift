import VintageBits

/// Encoders and decoders of `UInt8` columns (flags): plain, constant,
/// frame-of-reference bit packing and run-length.
public enum UInt8Codec {
    /// The encodings tried for a column.
    static let columnCandidates = EncodingSet(.plain, .constant, .frameOfReference, .runLength)

    /// Appends `values` in the smallest of the byte encodings, trying each, and returns the one chosen.
    @discardableResult
    public static func encodeSmallest(_ values: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Encoding {
        let n = values.count
        if n > 0, values.allSatisfy({ $0 == values[0] }) {
            out.append(values[0])
            return .constant
        }
        var best: [UInt8] = []
        var bestEncoding = Encoding.plain
        var bestSize = n
        var trial: [UInt8] = []
        for encoding in [Encoding.frameOfReference, .runLength] {
            trial.removeAll(keepingCapacity: true)
            guard append(values, as: encoding, to: &trial) else { continue }
            if trial.count < bestSize {
                bestSize = trial.count
                bestEncoding = encoding
                swap(&best, &trial)
            }
        }
        if bestEncoding == .plain {
            out.append(contentsOf: values)
        } else {
            out.append(contentsOf: best)
        }
        return bestEncoding
    }

    /// Appends `values` in `encoding`.
    ///
    /// - Throws: ``ChunkError/invalidInput(_:)`` when the encoding cannot hold these values.
    public static func encode(_ values: UnsafeBufferPointer<UInt8>, as encoding: Encoding, into out: inout [UInt8]) throws(ChunkError) {
        try ColumnPayload.encode(count: values.count, of: "UInt8", as: encoding, among: columnCandidates) {
            append(values, as: encoding, to: &out)
        }
    }

    /// Decodes `out.count` values stored in `encoding` from `payload`, which must hold exactly them.
    public static func decode(_ payload: UnsafeRawBufferPointer, as encoding: Encoding, into out: UnsafeMutableBufferPointer<UInt8>)
        throws(ChunkError)
    {
        try ColumnPayload.decode(payload, of: "UInt8", as: encoding, among: columnCandidates) { (reader) throws(ChunkError) in
            try withSlot(out) { (p) throws(ChunkError) in try decodeBody(&reader, encoding, count: out.count, into: p) }
        }
    }

    static func append(_ values: UnsafeBufferPointer<UInt8>, as encoding: Encoding, to out: inout [UInt8]) -> Bool {
        let n = values.count
        switch encoding {
        case .plain:
            out.append(contentsOf: values)
        case .constant:
            guard n > 0, values.allSatisfy({ $0 == values[0] }) else { return false }
            out.append(values[0])
        case .frameOfReference:
            let lo = values.min() ?? 0
            let hi = values.max() ?? 0
            let width = BitPacking.width(of: UInt64(hi - lo))
            out.append(lo)
            out.append(UInt8(width))
            let packed = values.map { UInt64($0 - lo) }
            packed.withUnsafeBufferPointer { BitPacking.pack($0, width: width, into: &out) }
        case .runLength:
            let runs = Runs(count: n) { values[$0] }
            let runValues = runs.values, runLengths = runs.lengths
            out.appendVarUInt(UInt64(runValues.count))
            out.append(contentsOf: runValues)
            runLengths.withUnsafeBufferPointer { _ = Int64Codec.appendNested($0, among: Int64Codec.runCandidates, to: &out) }
        default:
            return false
        }
        return true
    }

    static func decodeBody(_ reader: inout ByteReader, _ encoding: Encoding, count: Int, into out: UnsafeMutablePointer<UInt8>) throws(ChunkError) {
        switch encoding {
        case .plain:
            let bytes = try reader.take(count, "plain UInt8 values")
            if count > 0 { UnsafeMutableRawPointer(out).copyMemory(from: bytes.baseAddress!, byteCount: count) }
        case .constant:
            out.update(repeating: try reader.u8("constant value"), count: count)
        case .frameOfReference:
            let base = try reader.u8("frame base")
            let width = Int(try reader.u8("bit width"))
            guard width <= 8 else { throw .lengthOutOfRange("bit width \(width) exceeds 8 for UInt8 values") }
            let packed = try reader.take(BitPacking.byteCount(count: count, width: width), "bit-packed values")
            let wide = [UInt64](unsafeUninitializedCapacity: count) { buffer, initialized in
                if let p = buffer.baseAddress { BitPacking.unpack(packed, width: width, count: count, into: p) }
                initialized = count
            }
            var largest: UInt64 = 0
            wide.withUnsafeBufferPointer { w in
                for x in w { largest = Swift.max(largest, x) }
                for i in 0..<count { out[i] = base &+ UInt8(truncatingIfNeeded: w[i]) }
            }
            guard UInt64(base) + largest <= 255 else { throw .malformed("frame value exceeds 255") }
        case .runLength:
            let runs = try reader.count("run count", limit: count)
            guard (runs == 0) == (count == 0) else { throw .malformed("\(runs) runs for \(count) rows") }
            let runValues = try reader.take(runs, "run values")
            var lengths = [Int64](repeating: 0, count: runs)
            try withMutableElements(&lengths) { (p) throws(ChunkError) in
                try Int64Codec.decodeNested(&reader, among: Int64Codec.runCandidates, count: runs, into: p)
            }
            var row = 0
            for j in 0..<runs {
                let length = lengths[j]
                guard length >= 1, length <= Int64(count - row) else {
                    throw .malformed("run length \(length) does not fit in the \(count - row) rows left")
                }
                (out + row).update(repeating: runValues[j], count: Int(length))
                row += Int(length)
            }
            guard row == count else { throw .malformed("runs cover \(row) of \(count) rows") }
        default:
            throw .unknownEncoding(encoding.rawValue)
        }
    }
}
