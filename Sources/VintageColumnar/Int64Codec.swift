import VintageBits

/// Encoders and decoders of `Int64` columns: plain, constant, frame-of-reference,
/// delta, delta-of-delta, run-length, patched frame-of-reference, trailing run and entropy.
///
/// All arithmetic on differences wraps, so every `Int64` sequence round-trips,
/// `Int64.min` and `Int64.max` included.
public enum Int64Codec {
    /// The encodings tried for a column.
    static let columnCandidates = EncodingSet(
        .plain, .constant, .frameOfReference, .delta, .deltaOfDelta, .runLength, .patched, .trailingRun, .entropy)
    /// The encodings allowed for the leading values of a trailing-run block.
    static let trailingRunPrefixCandidates = EncodingSet(.plain, .frameOfReference, .delta, .deltaOfDelta, .runLength, .patched, .entropy)
    /// The encodings allowed for the differences inside delta and delta-of-delta.
    static let differenceCandidates = EncodingSet(.constant, .frameOfReference, .runLength, .patched, .entropy)
    /// The encodings allowed for the values and lengths inside run-length.
    static let runCandidates = EncodingSet(.constant, .frameOfReference)

    /// Appends `values` in the smallest of the integer encodings, trying each, and returns the one chosen.
    @discardableResult
    public static func encodeSmallest(_ values: UnsafeBufferPointer<Int64>, into out: inout [UInt8]) -> Encoding {
        appendSmallest(values, among: columnCandidates, to: &out)
    }

    /// Appends `values` in the smallest of the integer encodings (without the entropy encoding
    /// anywhere unless `allowsEntropy`) and returns the choice made.
    static func encodeSmallest(_ values: UnsafeBufferPointer<Int64>, allowsEntropy: Bool, into out: inout [UInt8]) -> Choice {
        let choice = choose(values, among: allowsEntropy ? columnCandidates : columnCandidates.removing(.entropy))
        appendChosen(values, choice, to: &out)
        return choice
    }

    /// Appends `values` in `encoding`.
    ///
    /// - Throws: ``ChunkError/invalidInput(_:)`` when the encoding cannot hold these values
    ///   (constant over differing values, a non-integer encoding, delta-of-delta over fewer than two values).
    public static func encode(
        _ values: UnsafeBufferPointer<Int64>, as encoding: Encoding, into out: inout [UInt8]
    ) throws(ChunkError) {
        try ColumnPayload.encode(count: values.count, of: "Int64", as: encoding, among: columnCandidates) {
            append(values, as: encoding, to: &out)
        }
    }

    /// Decodes `out.count` values stored in `encoding` from `payload`, which must hold exactly them.
    public static func decode(
        _ payload: UnsafeRawBufferPointer, as encoding: Encoding, into out: UnsafeMutableBufferPointer<Int64>
    ) throws(ChunkError) {
        try decode(payload, as: encoding, count: out.count, into: out)
    }

    /// Decodes the first `out.count` of the `count` values stored in `encoding` from
    /// `payload`, which must hold exactly `count` values: the whole payload is read and
    /// checked as for a full decode, but only the first values are computed and written.
    ///
    /// - Throws: ``ChunkError/lengthOutOfRange(_:)`` when `out` holds more than `count`
    ///   values, or as a full decode.
    public static func decode(
        _ payload: UnsafeRawBufferPointer, as encoding: Encoding, count: Int, into out: UnsafeMutableBufferPointer<Int64>
    ) throws(ChunkError) {
        try decode(payload, as: encoding, count: count, acceptsEntropy: true, into: out)
    }

    /// As ``decode(_:as:count:into:)``, refusing the entropy encoding anywhere unless
    /// `acceptsEntropy` (for a chunk of format version 1 or 2).
    static func decode(
        _ payload: UnsafeRawBufferPointer, as encoding: Encoding, count: Int, acceptsEntropy: Bool,
        into out: UnsafeMutableBufferPointer<Int64>
    ) throws(ChunkError) {
        try ColumnPayload.decode(payload, of: "Int64", as: encoding, among: columnCandidates, acceptsEntropy: acceptsEntropy) {
            (reader) throws(ChunkError) in
            guard out.count <= count else { throw .lengthOutOfRange("a prefix of \(out.count) of \(count) values") }
            try decodeBody(&reader, encoding, count: count, prefix: out.count, into: out.baseAddress ?? emptyInt64Slot)
        }
    }

    // MARK: - Encoding

    /// Appends the payload of the smallest applicable encoding among `candidates`.
    static func appendSmallest(_ values: UnsafeBufferPointer<Int64>, among candidates: EncodingSet, to out: inout [UInt8]) -> Encoding {
        appendSmallestChoice(values, among: candidates, to: &out).encoding
    }

    /// Appends the payload of the smallest applicable encoding among `candidates`; returns the choice.
    static func appendSmallestChoice(_ values: UnsafeBufferPointer<Int64>, among candidates: EncodingSet, to out: inout [UInt8]) -> Choice {
        let choice = choose(values, among: candidates)
        appendChosen(values, choice, to: &out)
        return choice
    }

    /// Appends the payload of `values` as `choice` (made by ``choose(_:among:)`` for them),
    /// reusing what the choice worked out: frame, written runs, patched plan, nested choice.
    static func appendChosen(_ values: UnsafeBufferPointer<Int64>, _ choice: Choice, to out: inout [UInt8]) {
        let before = out.count
        switch choice.encoding {
        case .frameOfReference: appendFrameOfReference(values, frame: choice.frame, to: &out)
        case .patched: appendPatched(choice.patched!, to: &out)
        case .entropy: appendEntropy(values, choice.entropy!, to: &out)
        case .delta:
            out.appendVarInt(values[0])
            withDifferences(values) { appendNested($0, choice.nested[0], to: &out) }
        case .deltaOfDelta:
            out.appendVarInt(values[0])
            out.appendVarInt(values[1] &- values[0])
            withDifferences(values) { deltas in withDifferences(deltas) { appendNested($0, choice.nested[0], to: &out) } }
        case .trailingRun:
            let leading = leadingCount(values)
            out.appendVarUInt(UInt64(leading))
            appendNested(UnsafeBufferPointer(rebasing: values[0..<leading]), choice.nested[0], to: &out)
        default: _ = append(values, as: choice.encoding, to: &out)
        }
        assert(out.count - before == choice.size, "size of \(choice.encoding) mispredicted")
    }

    /// Appends a nested block already chosen: the encoding id, then the payload.
    static func appendNested(_ values: UnsafeBufferPointer<Int64>, _ choice: Choice, to out: inout [UInt8]) {
        out.append(choice.encoding.rawValue)
        appendChosen(values, choice, to: &out)
    }

    /// Appends a nested block: the encoding id, then the payload; returns whether it uses
    /// the entropy encoding.
    @discardableResult
    static func appendNested(_ values: UnsafeBufferPointer<Int64>, among candidates: EncodingSet, to out: inout [UInt8]) -> Bool {
        let at = out.count
        out.append(0)
        let choice = appendSmallestChoice(values, among: candidates, to: &out)
        out[at] = choice.encoding.rawValue
        return choice.usesEntropy
    }

    /// Appends `values` in `encoding`; returns false when the encoding cannot hold them.
    static func append(_ values: UnsafeBufferPointer<Int64>, as encoding: Encoding, to out: inout [UInt8]) -> Bool {
        let n = values.count
        switch encoding {
        case .plain:
            appendPlain(values, to: &out)
        case .constant:
            guard n > 0, isConstant(values) else { return false }
            out.appendVarInt(values[0])
        case .frameOfReference:
            appendFrameOfReference(values, frame: FrameOfReference(fitting: values), to: &out)
        case .delta:
            guard n >= 1 else { return false }
            out.appendVarInt(values[0])
            withDifferences(values) { _ = appendNested($0, among: differenceCandidates, to: &out) }
        case .deltaOfDelta:
            guard n >= 2 else { return false }
            out.appendVarInt(values[0])
            out.appendVarInt(values[1] &- values[0])
            withDifferences(values) { deltas in
                withDifferences(deltas) { _ = appendNested($0, among: differenceCandidates, to: &out) }
            }
        case .runLength:
            let runs = Runs(count: n) { values[$0] }
            let runValues = runs.values, runLengths = runs.lengths
            out.appendVarUInt(UInt64(runValues.count))
            runValues.withUnsafeBufferPointer { _ = appendNested($0, among: runCandidates, to: &out) }
            runLengths.withUnsafeBufferPointer { _ = appendNested($0, among: runCandidates, to: &out) }
        case .patched:
            guard let plan = patchedPlan(values) else { return false }
            appendPatched(plan, to: &out)
        case .trailingRun:
            guard n >= 1 else { return false }
            let leading = leadingCount(values)
            out.appendVarUInt(UInt64(leading))
            appendNested(UnsafeBufferPointer(rebasing: values[0..<leading]), among: trailingRunPrefixCandidates, to: &out)
        case .entropy:
            guard n >= 1, let plan = entropyPlan(values) else { return false }
            appendEntropy(values, plan, to: &out)
        case .decimal, .xor:
            return false
        }
        return true
    }

    /// The size of the lengths block a run-length block of `values` (`runs` runs) writes
    /// (its encoding byte not counted): constant when every run is as long, else
    /// frame-of-reference, as ``choose(_:among:statistics:)`` picks among ``runCandidates``.
    static func runLengthsBlockSize(_ values: UnsafeBufferPointer<Int64>, runs: Int) -> Int {
        withUnsafeTemporaryAllocation(of: Int64.self, capacity: runs) { lengths in
            var m = 0, start = 0
            var lo = Int64.max, hi = Int64.min
            let n = values.count
            var i = 1
            while i <= n {
                if i == n || values[i] != values[i &- 1] {
                    let length = Int64(i &- start)
                    lengths[m] = length
                    lo = Swift.min(lo, length)
                    hi = Swift.max(hi, length)
                    m &+= 1
                    start = i
                }
                i &+= 1
            }
            precondition(m == runs, "runs miscounted")
            if lo == hi { return varUIntSize(zigzagEncode(lo)) }
            return FrameOfReference(fitting: UnsafeBufferPointer(lengths), min: lo, max: hi).blockSize(count: runs)
        }
    }

    /// The values before the trailing run, and its first: `values[k - 1...]` all equal
    /// `values[k - 1]` (1 for a constant column, `count` when the last two differ).
    static func leadingCount(_ values: UnsafeBufferPointer<Int64>) -> Int {
        guard let last = values.last else { return 0 }
        var k = values.count
        while k > 1 && values[k - 2] == last { k -= 1 }
        return k
    }

    static func appendPlain(_ values: UnsafeBufferPointer<Int64>, to out: inout [UInt8]) {
        #if _endian(little)
            out.append(contentsOf: UnsafeRawBufferPointer(values))
        #else
            for v in values { out.appendLE(UInt64(bitPattern: v)) }
        #endif
    }

    static func appendFrameOfReference(_ values: UnsafeBufferPointer<Int64>, frame: FrameOfReference, to out: inout [UInt8]) {
        out.appendVarInt(frame.base)
        out.appendVarUInt(frame.scale)
        out.append(UInt8(frame.width))
        guard frame.width > 0 else { return }
        let packed = [UInt64](unsafeUninitializedCapacity: values.count) { buffer, count in
            let base = frame.base
            if frame.scale == 1 {
                for i in 0..<values.count { buffer[i] = UInt64(bitPattern: values[i] &- base) }
            } else {
                let divide = DivisibilityTest(frame.scale)
                for i in 0..<values.count { buffer[i] = divide.exactQuotient(UInt64(bitPattern: values[i] &- base)) }
            }
            count = values.count
        }
        packed.withUnsafeBufferPointer { BitPacking.pack($0, width: frame.width, into: &out) }
    }

    /// Calls `body` with the `n - 1` wrapping differences of neighbours in `values` and their
    /// statistics, found in the same pass.
    static func withDifferences<R>(_ values: UnsafeBufferPointer<Int64>, _ body: (UnsafeBufferPointer<Int64>, ValueStatistics) -> R) -> R {
        let count = Swift.max(values.count - 1, 0)
        var stats = ValueStatistics()
        let deltas = [Int64](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0, let p = values.baseAddress, let d = buffer.baseAddress {
                let first = p[1] &- p[0]
                d[0] = first
                var lo = first, hi = first, runs = 1
                for i in 1..<count {
                    let v = p[i &+ 1] &- p[i]
                    d[i] = v
                    lo = Swift.min(lo, v)
                    hi = Swift.max(hi, v)
                    runs &+= differs(v, d[i &- 1])
                }
                stats = ValueStatistics(min: lo, max: hi, runs: runs)
            }
            initialized = count
        }
        return deltas.withUnsafeBufferPointer { body($0, stats) }
    }

    /// Calls `body` with the `n - 1` wrapping differences of neighbours in `values`.
    static func withDifferences<R>(_ values: UnsafeBufferPointer<Int64>, _ body: (UnsafeBufferPointer<Int64>) -> R) -> R {
        let count = Swift.max(values.count - 1, 0)
        let deltas = [Int64](unsafeUninitializedCapacity: count) { buffer, initialized in
            for i in 0..<count { buffer[i] = values[i + 1] &- values[i] }
            initialized = count
        }
        return deltas.withUnsafeBufferPointer(body)
    }

    /// 1 when `a` and `b` differ, else 0, without a branch (neighbours in noisy data differ
    /// at random, which a branch would mispredict).
    @inline(__always)
    static func differs(_ a: Int64, _ b: Int64) -> Int {
        let x = UInt64(bitPattern: a ^ b)
        return Int(truncatingIfNeeded: (x | (0 &- x)) &>> 63)
    }

    static func isConstant(_ values: UnsafeBufferPointer<Int64>) -> Bool {
        guard let first = values.first else { return false }
        var differ: Int64 = 0
        for v in values { differ |= v ^ first }
        return differ == 0
    }

    /// The smallest and largest of a block's values and the number of its runs of equal
    /// values, found in one pass (0, 0 and 0 runs for no values).
    struct ValueStatistics {
        var min: Int64 = 0
        var max: Int64 = 0
        var runs = 0

        /// The statistics of no values.
        init() {}

        init(min: Int64, max: Int64, runs: Int) {
            (self.min, self.max, self.runs) = (min, max, runs)
        }

        init(_ values: UnsafeBufferPointer<Int64>) {
            guard let p = values.baseAddress, values.count > 0 else { return }
            var lo = p[0], hi = p[0], runs = 1
            // Neighbours compared by index, not through a carried value, so the loop pipelines.
            for i in 1..<values.count {
                let v = p[i]
                lo = Swift.min(lo, v)
                hi = Swift.max(hi, v)
                runs &+= differs(v, p[i &- 1])
            }
            (min, max, self.runs) = (lo, hi, runs)
        }
    }

}
