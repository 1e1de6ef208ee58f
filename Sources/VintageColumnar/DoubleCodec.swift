/// Encoders and decoders of `Double` columns: plain, constant, decimal (ALP-style),
/// XOR (Chimp-style) and run-length. Every bit pattern round-trips exactly,
/// `-0.0`, subnormals, infinities and NaN payloads included.
public enum DoubleCodec {
    /// The encodings tried for a column.
    static let columnCandidates = EncodingSet(.plain, .constant, .decimal, .xor, .runLength)

    /// Appends `values` in the smallest of the double encodings, trying each, and returns the one chosen.
    @discardableResult
    public static func encodeSmallest(_ values: UnsafeBufferPointer<Double>, into out: inout [UInt8]) -> Encoding {
        encodeSmallest(values, allowsEntropy: true, into: &out).encoding
    }

    /// Appends `values` in the smallest of the double encodings (without the entropy encoding
    /// in any nested block unless `allowsEntropy`); returns the one chosen and whether a
    /// nested block of it is entropy-coded.
    static func encodeSmallest(
        _ values: UnsafeBufferPointer<Double>, allowsEntropy: Bool, into out: inout [UInt8]
    ) -> (encoding: Encoding, usesEntropy: Bool) {
        let n = values.count
        // One pass tells both a constant column (one run) and whether run-length may pay.
        let runs = runCount(values)
        if runs == 1 {
            out.appendLE(values[0].bitPattern)
            return (.constant, false)
        }
        var best: [UInt8] = []
        var bestEncoding = Encoding.plain
        var bestSize = 8 * n
        var bestUsesEntropy = false
        var trial: [UInt8] = []
        if let decimal = appendDecimal(values, allowsEntropy: allowsEntropy, to: &trial), trial.count < bestSize {
            bestSize = trial.count
            bestEncoding = .decimal
            bestUsesEntropy = decimal.usesEntropy
            swap(&best, &trial)
        }
        // The XOR stream's size is counted exactly before it is written.
        if xorSize(values, budget: bestSize) < bestSize {
            best.removeAll(keepingCapacity: true)
            appendXOR(values, to: &best)
            bestSize = best.count
            bestEncoding = .xor
            bestUsesEntropy = false
        }
        if runs * 2 <= n {
            trial.removeAll(keepingCapacity: true)
            if append(values, as: .runLength, to: &trial), trial.count < bestSize {
                bestSize = trial.count
                bestEncoding = .runLength
                bestUsesEntropy = false
                swap(&best, &trial)
            }
        }
        if bestEncoding == .plain {
            appendPlain(values, to: &out)
        } else {
            out.append(contentsOf: best)
        }
        return (bestEncoding, bestUsesEntropy)
    }

    /// Appends `values` in `encoding`.
    ///
    /// - Throws: ``ChunkError/invalidInput(_:)`` when the encoding cannot hold these values
    ///   (constant over differing values, decimal when no value is decimal, a non-double encoding).
    public static func encode(
        _ values: UnsafeBufferPointer<Double>, as encoding: Encoding, into out: inout [UInt8]
    ) throws(ChunkError) {
        try ColumnPayload.encode(count: values.count, of: "Double", as: encoding, among: columnCandidates) {
            append(values, as: encoding, to: &out)
        }
    }

    /// Decodes `out.count` values stored in `encoding` from `payload`, which must hold exactly them.
    public static func decode(
        _ payload: UnsafeRawBufferPointer, as encoding: Encoding, into out: UnsafeMutableBufferPointer<Double>
    ) throws(ChunkError) {
        try decode(payload, as: encoding, acceptsEntropy: true, into: out)
    }

    /// As ``decode(_:as:into:)``, refusing the entropy encoding in nested blocks unless
    /// `acceptsEntropy` (for a chunk of format version 1 or 2).
    static func decode(
        _ payload: UnsafeRawBufferPointer, as encoding: Encoding, acceptsEntropy: Bool, into out: UnsafeMutableBufferPointer<Double>
    ) throws(ChunkError) {
        try ColumnPayload.decode(payload, of: "Double", as: encoding, among: columnCandidates, acceptsEntropy: acceptsEntropy) {
            (reader) throws(ChunkError) in
            try withSlot(out) { (p) throws(ChunkError) in try decodeBody(&reader, encoding, count: out.count, into: p) }
        }
    }

    // MARK: - Encoding

    static func append(_ values: UnsafeBufferPointer<Double>, as encoding: Encoding, to out: inout [UInt8]) -> Bool {
        let n = values.count
        switch encoding {
        case .plain:
            appendPlain(values, to: &out)
        case .constant:
            guard n > 0, isConstant(values) else { return false }
            out.appendLE(values[0].bitPattern)
        case .decimal:
            return appendDecimal(values, allowsEntropy: true, to: &out) != nil
        case .xor:
            appendXOR(values, to: &out)
        case .runLength:
            let runs = Runs(count: n) { values[$0].bitPattern }
            let runValues = runs.values, runLengths = runs.lengths
            out.appendVarUInt(UInt64(runValues.count))
            runLengths.withUnsafeBufferPointer { _ = Int64Codec.appendNested($0, among: Int64Codec.runCandidates, to: &out) }
            for v in runValues { out.appendLE(v) }
        case .frameOfReference, .delta, .deltaOfDelta, .patched, .trailingRun, .entropy:
            return false
        }
        return true
    }

    static func appendPlain(_ values: UnsafeBufferPointer<Double>, to out: inout [UInt8]) {
        #if _endian(little)
            out.append(contentsOf: UnsafeRawBufferPointer(values))
        #else
            for v in values { out.appendLE(v.bitPattern) }
        #endif
    }

    static func isConstant(_ values: UnsafeBufferPointer<Double>) -> Bool {
        guard let first = values.first?.bitPattern else { return false }
        var differ: UInt64 = 0
        for v in values { differ |= v.bitPattern ^ first }
        return differ == 0
    }

    static func runCount(_ values: UnsafeBufferPointer<Double>) -> Int {
        guard values.count > 0 else { return 0 }
        var runs = 1
        for i in 1..<values.count where values[i].bitPattern != values[i - 1].bitPattern { runs += 1 }
        return runs
    }

    // MARK: - Decoding

    static func decodeBody(
        _ reader: inout ByteReader, _ encoding: Encoding, count: Int, into out: UnsafeMutablePointer<Double>
    ) throws(ChunkError) {
        switch encoding {
        case .plain:
            let bytes = try reader.take(count * 8, "plain Double values")
            #if _endian(little)
                if count > 0 { UnsafeMutableRawPointer(out).copyMemory(from: bytes.baseAddress!, byteCount: count * 8) }
            #else
                for i in 0..<count { out[i] = Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))) }
            #endif
        case .constant:
            let v = Double(bitPattern: try reader.u64("constant value"))
            out.update(repeating: v, count: count)
        case .decimal:
            try decodeDecimal(&reader, count: count, into: out)
        case .xor:
            try decodeXOR(&reader, count: count, into: out)
        case .runLength:
            let runs = try reader.count("run count", limit: count)
            guard (runs == 0) == (count == 0) else { throw .malformed("\(runs) runs for \(count) rows") }
            var lengths = [Int64](repeating: 0, count: runs)
            try withMutableElements(&lengths) { (p) throws(ChunkError) in
                try Int64Codec.decodeNested(&reader, among: Int64Codec.runCandidates, count: runs, into: p)
            }
            let bits = try reader.take(runs * 8, "run values")
            var row = 0
            for j in 0..<runs {
                let length = lengths[j]
                guard length >= 1, length <= Int64(count - row) else {
                    throw .malformed("run length \(length) does not fit in the \(count - row) rows left")
                }
                let v = Double(bitPattern: UInt64(littleEndian: bits.loadUnaligned(fromByteOffset: j * 8, as: UInt64.self)))
                (out + row).update(repeating: v, count: Int(length))
                row += Int(length)
            }
            guard row == count else { throw .malformed("runs cover \(row) of \(count) rows") }
        case .frameOfReference, .delta, .deltaOfDelta, .patched, .trailingRun, .entropy:
            throw .unknownEncoding(encoding.rawValue)
        }
    }
}
