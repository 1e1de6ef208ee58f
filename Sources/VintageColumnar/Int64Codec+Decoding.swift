import VintageBits

/// Decoding of `Int64` columns, nested blocks and their frames.
extension Int64Codec {
    /// Decodes a nested block (id then payload) of `count` values into `out`.
    static func decodeNested(
        _ reader: inout ByteReader, among allowed: EncodingSet, count: Int, into out: UnsafeMutablePointer<Int64>
    ) throws(ChunkError) {
        try decodeNested(&reader, among: allowed, count: count, prefix: count, into: out)
    }

    /// Reads a nested block (id then payload) of `count` values and writes the first `prefix`
    /// of them into `out`.
    static func decodeNested(
        _ reader: inout ByteReader, among allowed: EncodingSet, count: Int, prefix: Int, into out: UnsafeMutablePointer<Int64>
    ) throws(ChunkError) {
        let encoding = try reader.nestedEncoding(allowed, "a nested integer block")
        try decodeBody(&reader, encoding, count: count, prefix: prefix, into: out)
    }

    /// Decodes the payload of `count` values in `encoding` into `out`.
    static func decodeBody(
        _ reader: inout ByteReader, _ encoding: Encoding, count: Int, into out: UnsafeMutablePointer<Int64>
    ) throws(ChunkError) {
        try decodeBody(&reader, encoding, count: count, prefix: count, into: out)
    }

    /// Reads the payload of `count` values in `encoding` (all of it, with every check) and
    /// writes the first `prefix` (at most `count`) of them into `out`.
    static func decodeBody(
        _ reader: inout ByteReader, _ encoding: Encoding, count: Int, prefix: Int, into out: UnsafeMutablePointer<Int64>
    ) throws(ChunkError) {
        switch encoding {
        case .plain:
            let bytes = try reader.take(count * 8, "plain Int64 values")
            #if _endian(little)
                if prefix > 0 { UnsafeMutableRawPointer(out).copyMemory(from: bytes.baseAddress!, byteCount: prefix * 8) }
            #else
                for i in 0..<prefix { out[i] = Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 8, as: Int64.self)) }
            #endif
        case .constant:
            let v = try reader.varInt("constant value")
            out.update(repeating: v, count: prefix)
        case .frameOfReference:
            try decodeFrameOfReference(&reader, count: count, prefix: prefix, into: out)
        case .delta:
            guard count >= 1 else { throw .malformed("delta block with no values") }
            let first = try reader.varInt("first value of a delta block")
            try decodeDifferences(&reader, count: count - 1, prefix: prefix, first: first, into: out)
        case .deltaOfDelta:
            guard count >= 2 else { throw .malformed("delta-of-delta block with fewer than two values") }
            let first = try reader.varInt("first value of a delta-of-delta block")
            var delta = try reader.varInt("first delta of a delta-of-delta block")
            try decodeNested(&reader, among: differenceCandidates, count: count - 2, prefix: Swift.max(prefix - 2, 0), into: out + 2)
            if prefix > 0 { out[0] = first }
            guard prefix > 1 else { return }
            out[1] = first &+ delta
            var acc = out[1]
            for i in 2..<prefix {
                delta &+= out[i]
                acc &+= delta
                out[i] = acc
            }
        case .runLength:
            try decodeRuns(&reader, count: count) { start, length, value in
                // Most runs of a many-run column are single values: store those directly.
                if length == 1 {
                    if start < prefix { out[start] = value }
                } else if start < prefix {
                    (out + start).update(repeating: value, count: Swift.min(length, prefix - start))
                }
            }
        case .patched:
            try decodePatched(&reader, count: count, prefix: prefix, into: out)
        case .entropy:
            try decodeEntropy(&reader, count: count, prefix: prefix, into: out)
        case .trailingRun:
            let leading = try reader.count("leading values of a trailing run", limit: count)
            guard (leading == 0) == (count == 0) else { throw .malformed("\(leading) leading values for \(count) rows") }
            guard leading > 0 else { return }
            let decoded = Swift.min(prefix, leading)
            try decodeNested(&reader, among: trailingRunPrefixCandidates, count: leading, prefix: decoded, into: out)
            if prefix > leading { (out + leading).update(repeating: out[leading - 1], count: prefix - leading) }
        case .decimal, .xor:
            throw .unknownEncoding(encoding.rawValue)
        }
    }

    /// Reads the nested block of the `count` differences of a delta block whose first value
    /// is `first`, and writes the first `prefix` values of the block (at most `count + 1`)
    /// into `out`. The common shapes go in one pass: constant differences (regular
    /// timestamps) as an arithmetic sequence, bit-packed ones summed as they are unpacked.
    static func decodeDifferences(
        _ reader: inout ByteReader, count: Int, prefix: Int, first: Int64, into out: UnsafeMutablePointer<Int64>
    ) throws(ChunkError) {
        let encoding = try reader.nestedEncoding(differenceCandidates, "a nested integer block")
        switch encoding {
        case .constant:
            let step = try reader.varInt("constant value")
            var value = first
            for i in 0..<prefix {
                out[i] = value
                value &+= step
            }
        case .frameOfReference:
            let frame = try readFrame(&reader, count: count)
            guard prefix > 0 else { return }
            out[0] = first
            if frame.scale == 1 {
                BitPacking.unpackRunningSums(frame.packed, width: frame.width, count: prefix - 1, offset: frame.base, start: first, into: out + 1)
            } else {
                // The differences are unpacked after the first value, then summed in place.
                out.advanced(by: 1).withMemoryRebound(to: UInt64.self, capacity: prefix - 1) {
                    BitPacking.unpack(frame.packed, width: frame.width, count: prefix - 1, into: $0)
                }
                var acc = first
                let s = Int64(bitPattern: frame.scale)
                for i in 1..<prefix {
                    acc &+= frame.base &+ out[i] &* s
                    out[i] = acc
                }
            }
        default:
            try decodeBody(&reader, encoding, count: count, prefix: Swift.max(prefix - 1, 0), into: out + 1)
            guard prefix > 0 else { return }
            out[0] = first
            var acc = first
            for i in 1..<prefix {
                acc &+= out[i]
                out[i] = acc
            }
        }
    }

    /// A frame-of-reference block's header and its bit-packed bytes.
    struct PackedFrame {
        var base: Int64
        var scale: UInt64
        var width: Int
        var packed: UnsafeRawBufferPointer
    }

    /// Reads a frame-of-reference block of `count` values: its frame and packed bytes.
    static func readFrame(_ reader: inout ByteReader, count: Int) throws(ChunkError) -> PackedFrame {
        let base = try reader.varInt("frame base")
        let scale = try reader.varUInt("frame scale")
        let width = Int(try reader.u8("bit width"))
        guard width <= 64 else { throw .lengthOutOfRange("bit width \(width) exceeds 64") }
        let packed = try reader.take(BitPacking.byteCount(count: count, width: width), "bit-packed values")
        return PackedFrame(base: base, scale: scale, width: width, packed: packed)
    }

    static func decodeFrameOfReference(_ reader: inout ByteReader, count: Int, into out: UnsafeMutablePointer<Int64>) throws(ChunkError) {
        try decodeFrameOfReference(&reader, count: count, prefix: count, into: out)
    }

    static func decodeFrameOfReference(
        _ reader: inout ByteReader, count: Int, prefix: Int, into out: UnsafeMutablePointer<Int64>
    ) throws(ChunkError) {
        let frame = try readFrame(&reader, count: count)
        let base = frame.base, scale = frame.scale
        out.withMemoryRebound(to: UInt64.self, capacity: prefix) { BitPacking.unpack(frame.packed, width: frame.width, count: prefix, into: $0) }
        if scale == 1 {
            for i in 0..<prefix { out[i] = base &+ out[i] }
        } else {
            let s = Int64(bitPattern: scale)
            for i in 0..<prefix { out[i] = base &+ out[i] &* s }
        }
    }

    /// Reads a run-length payload and reports each run as (first row, length, value).
    static func decodeRuns(
        _ reader: inout ByteReader, count: Int, _ emit: (Int, Int, Int64) -> Void
    ) throws(ChunkError) {
        let runs = try reader.count("run count", limit: count)
        guard (runs == 0) == (count == 0) else { throw .malformed("\(runs) runs for \(count) rows") }
        var values = [Int64](repeating: 0, count: runs)
        var lengths = [Int64](repeating: 0, count: runs)
        try withMutableElements(&values) { (p) throws(ChunkError) in
            try decodeNested(&reader, among: runCandidates, count: runs, into: p)
        }
        try withMutableElements(&lengths) { (p) throws(ChunkError) in
            try decodeNested(&reader, among: runCandidates, count: runs, into: p)
        }
        var row = 0
        var misfit = -1
        values.withUnsafeBufferPointer { v in
            lengths.withUnsafeBufferPointer { l in
                for j in 0..<runs {
                    let length = l[j]
                    guard length >= 1, length <= Int64(count &- row) else { misfit = j; return }
                    emit(row, Int(length), v[j])
                    row &+= Int(length)
                }
            }
        }
        if misfit >= 0 {
            throw .malformed("run length \(lengths[misfit]) does not fit in the \(count - row) rows left")
        }
        guard row == count else { throw .malformed("runs cover \(row) of \(count) rows") }
    }
}
