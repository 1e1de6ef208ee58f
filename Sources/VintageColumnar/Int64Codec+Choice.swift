import VintageBits

/// The search for the smallest encoding of a column or a nested block: each candidate's size
/// worked out exactly without writing it, under a budget where one is given.
extension Int64Codec {
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
}
