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

    /// The smallest applicable encoding among `candidates` and its exact size in bytes.
    struct Choice {
        var encoding: Encoding
        var size: Int
        var frame = FrameOfReference(base: 0, scale: 1, width: 0)
        /// The patched block worked out.
        var patched: PatchedPlan? = nil
        /// The entropy-coded block worked out.
        var entropy: EntropyPlan? = nil
        /// For delta, delta-of-delta and trailing run: the choice made for the nested block,
        /// so that writing it needs no second search.
        var nested: [Choice] = []

        /// When the choice uses an entropy block: the smallest choice that uses none.
        var withoutEntropy: [Choice] = []

        /// Whether the block, or a block nested in it, is entropy-coded.
        var usesEntropy: Bool {
            encoding == .entropy || nested.contains { $0.usesEntropy }
        }

        /// The choice itself when it uses no entropy block, else the smallest that uses none.
        var entropyFree: Choice { withoutEntropy.first ?? self }
    }

    /// Finds the smallest applicable encoding among `candidates`. Sizes of constant,
    /// frame-of-reference, delta, delta-of-delta and run-length blocks are computed exactly
    /// without writing them; run-length is only tried when runs are at most half the values.
    ///
    /// `known`, when given, holds the statistics of `values` (found as they were made).
    ///
    /// A caller that has no use for a choice of `budget` bytes or more says so: the choice is
    /// then the same whenever it is smaller, and otherwise some choice of `budget` bytes or
    /// more (of `Int.max` bytes when none was worked out), which the caller must not write;
    /// candidates that cannot come under it are not worked out. (Ignored when `candidates`
    /// allow the entropy encoding, whose caller weighs an entropy-free choice too.)
    static func choose(
        _ values: UnsafeBufferPointer<Int64>, among candidates: EncodingSet, statistics known: ValueStatistics? = nil, budget: Int = .max
    ) -> Choice {
        let n = values.count
        let budget = candidates.contains(.entropy) ? Int.max : budget
        let plainSize = candidates.contains(.plain) ? 8 * n : Int.max
        // One pass for what every candidate asks: the range and the number of runs.
        let stats = known ?? ValueStatistics(values)
        if candidates.contains(.constant), n > 0, stats.runs == 1 {
            let size = varUIntSize(zigzagEncode(values[0]))
            // Nothing is smaller than a constant except, for one row, the plain value itself.
            return plainSize < size ? Choice(encoding: .plain, size: plainSize) : Choice(encoding: .constant, size: size)
        }
        var best = Choice(encoding: .plain, size: plainSize)
        // The smallest choice with no entropy block in it, kept beside the best so that a
        // caller can weigh it compressed against the best (LZ4 finds nothing in Huffman codes).
        var free = best
        /// Takes `choice` as the best and `withoutEntropy` (the same but for nested blocks
        /// chosen without entropy) as the entropy-free best where each is smaller.
        func offer(_ choice: Choice, _ withoutEntropy: Choice) {
            if choice.size < best.size { best = choice }
            if withoutEntropy.size < free.size { free = withoutEntropy }
        }
        func offer(_ choice: Choice) { offer(choice, choice) }
        /// Offers the block `encoding`, `head` bytes and then the nested block `inner`, and
        /// its variant with `inner` chosen without entropy: made only where either is smaller,
        /// and made once when `inner` uses no entropy (the variant is then the block itself).
        func offer(_ encoding: Encoding, head: Int, nested inner: Choice) {
            let plain = inner.entropyFree
            guard plain.size < Int.max - head, head + inner.size < best.size || head + plain.size < free.size else { return }
            let choice = Choice(encoding: encoding, size: head + inner.size, nested: [inner])
            offer(choice, inner.withoutEntropy.isEmpty ? choice : Choice(encoding: encoding, size: head + plain.size, nested: [plain]))
        }
        // The caller's budget, and where a trailing run was worked out first, one more than its size.
        var outerBudget = budget
        /// The budget of a block nested after `head` bytes: under the best so far and the
        /// caller's budget (without the entropy encoding, the best is the entropy-free best).
        func nestedBudget(head: Int) -> Int {
            candidates.contains(.entropy) ? .max : Swift.max(Swift.min(best.size, outerBudget) - head, 0)
        }
        let frame = FrameOfReference(fitting: values, min: stats.min, max: stats.max)
        if candidates.contains(.frameOfReference) {
            offer(Choice(encoding: .frameOfReference, size: frame.blockSize(count: n), frame: frame))
        }
        // A trailing run: tried when the last eighth of the values or more repeat one value
        // (padding). Where it is half the values or more, it is worked out first (offered in
        // its turn below): its size bounds the candidates before it, which win a tie.
        let leading = candidates.contains(.trailingRun) && n >= 2 ? leadingCount(values) : n
        let tryTrailingRun = (n - leading) * 8 >= n && n >= 2
        func trailingRun() -> (head: Int, inner: Choice) {
            let head = varUIntSize(UInt64(leading)) + 1
            // The leading values hold the first of the run: the same least and greatest
            // value and the same runs as the column.
            let inner = choose(
                UnsafeBufferPointer(rebasing: values[0..<leading]), among: candidates.nested(trailingRunPrefixCandidates),
                statistics: stats, budget: nestedBudget(head: head))
            return (head, inner)
        }
        var early: (head: Int, inner: Choice)? = nil
        if tryTrailingRun && (n - leading) * 2 >= n && !candidates.contains(.entropy) {
            let run = trailingRun()
            early = run
            if run.inner.size < Int.max - run.head { outerBudget = Swift.min(budget, run.head + run.inner.size + 1) }
        }
        let tryDelta = candidates.contains(.delta) && n >= 1
        let tryDeltaOfDelta = candidates.contains(.deltaOfDelta) && n >= 2
        if tryDelta || tryDeltaOfDelta {
            // The differences once, for both; the second differences from them.
            withDifferences(values) { deltas, deltaStatistics in
                if tryDelta {
                    let head = varUIntSize(zigzagEncode(values[0])) + 1
                    let inner = choose(
                        deltas, among: candidates.nested(differenceCandidates), statistics: deltaStatistics, budget: nestedBudget(head: head))
                    offer(.delta, head: head, nested: inner)
                }
                if tryDeltaOfDelta {
                    let head = varUIntSize(zigzagEncode(values[0])) + varUIntSize(zigzagEncode(values[1] &- values[0])) + 1
                    let innerBudget = nestedBudget(head: head)
                    let inner = withDifferences(deltas) {
                        choose($0, among: candidates.nested(differenceCandidates), statistics: $1, budget: innerBudget)
                    }
                    offer(.deltaOfDelta, head: head, nested: inner)
                }
            }
        }
        if candidates.contains(.runLength), n > 0, stats.runs * 2 <= n {
            // Its size counted, not written: the run values' block is the column's frame (the
            // same minimum, maximum and divisor) at one value a run; only the lengths need a pass.
            let valuesBlock = 1 + (stats.runs == 1 ? varUIntSize(zigzagEncode(values[0])) : frame.blockSize(count: stats.runs))
            let fixed = varUIntSize(UInt64(stats.runs)) + valuesBlock + 1
            // The lengths take a byte at least: skip the pass when that cannot win.
            if fixed + 1 < Swift.min(free.size, outerBudget) {
                offer(Choice(encoding: .runLength, size: fixed + runLengthsBlockSize(values, runs: stats.runs)))
            }
        }
        // Patching pays only where the frame is a few bits wide at least. (Its budget is
        // the entropy-free best, which it may still beat.)
        if candidates.contains(.patched), n > 0, frame.width >= 4,
            let plan = patchedPlan(values, budget: Swift.min(free.size, outerBudget), frame: frame), plan.size < free.size
        {
            offer(Choice(encoding: .patched, size: plan.size, patched: plan))
        }
        if tryTrailingRun {
            let (head, inner) = early ?? trailingRun()
            offer(.trailingRun, head: head, nested: inner)
        }
        // Tried last, so that it is chosen only when strictly smaller than every other.
        if candidates.contains(.entropy), n >= 2, let plan = entropyPlan(values, budget: best.size) {
            best = Choice(encoding: .entropy, size: plan.size, entropy: plan)
        }
        precondition(best.size < Int.max || budget < Int.max, "no applicable integer encoding")
        // (Every candidate set but a test's lone entropy has an entropy-free encoding.)
        if best.usesEntropy && free.size < Int.max { best.withoutEntropy = [free] }
        return best
    }

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
