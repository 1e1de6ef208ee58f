import VintageBits

/// The patched frame-of-reference encoding: a frame centred on the bulk of the values, bit-packed
/// at the width most of them need, with the few values that need more patched in afterwards.
///
/// A value `v` is stored as `q = zigzag((v − centre) / scale)` (wrapping), the centre being the
/// median and the scale the greatest common divisor of the distances from it. Every `q` keeps
/// its low `width` bits in the packed stream; the values whose `q` is wider (the patches) are
/// listed by row, with their high bits packed apart. Values of either sign around the centre
/// — the monthly steps of a series' release times and seqs among the few a correction
/// breaks — pack at their own width instead of the width of the largest outlier. The encoder
/// patches at most an eighth of the values, so decoding stays close to frame-of-reference.
extension Int64Codec {
    /// The encodings allowed for the rows of a patched block's patches.
    static let patchPositionCandidates = EncodingSet(.frameOfReference, .delta)

    /// A patched block worked out but not yet written: its frame, the zigzag values, the
    /// patches, and its exact size.
    struct PatchedPlan {
        var centre: Int64
        var scale: UInt64
        var width: Int
        var high: Int
        var zigzags: [UInt64]
        var rows: [Int64]
        /// The patches' rows as a list (a nested block with its encoding byte); empty when
        /// the bitmap of every row is smaller.
        var rowList: [UInt8]
        var size: Int
    }

    /// The patched block of `values` at the cheapest width (at most an eighth of the values
    /// patched), nil when there are no values or when it cannot come under `budget` bytes.
    ///
    /// `frame`, when given, is the frame of reference fitting `values`: when their range fits
    /// an `Int64`, its scale is the divisor of the distances from the centre (one of the
    /// values, so both are the divisor of the differences between values), found without a pass.
    static func patchedPlan(_ values: UnsafeBufferPointer<Int64>, budget: Int = .max, frame: FrameOfReference? = nil) -> PatchedPlan? {
        let n = values.count
        guard n > 0 else { return nil }
        // The centre: the median of an even sample of up to 63 values (any central value
        // will do; it only moves the zigzag offsets).
        let centre = sampleMedian(values)
        let scale: UInt64
        if let frame, frame.width < 64, case let (span, overflow) = frame.scale.multipliedReportingOverflow(by: 1 << UInt64(frame.width)),
            !overflow, span <= UInt64(Int64.max)
        {
            scale = frame.scale
        } else {
            scale = distanceDivisor(values, centre: centre)
        }
        let zigzagged = PatchedZigzags(values: values, centre: centre, scale: scale, divide: DivisibilityTest(scale))
        let header = varUIntSize(zigzagEncode(centre)) + varUIntSize(scale) + 2
        // Whatever width is chosen, more than an eighth of the values wider than it makes
        // it wider: a width that would take the block over the budget is ruled out by a pass
        // that only counts (most plans lose to the budget).
        if budget < Int.max {
            // Not even a header and a patch count fit.
            guard header + 1 < budget else { return nil }
            var tooWide = 0
            while tooWide < 63 && header + 1 + BitPacking.byteCount(count: n, width: tooWide + 1) < budget { tooWide += 1 }
            if tooWide < 63, let wider = zigzagged.count(widerThan: tooWide), wider * 8 > n { return nil }
        }
        // The widths next: plans that may still win.
        let atLeast = zigzagged.widthsAtLeast()
        func zigzags() -> [UInt64] {
            [UInt64](unsafeUninitializedCapacity: n) { z, initialized in
                for i in 0..<n { z[i] = zigzagged.zigzag(i) }
                initialized = n
            }
        }
        var widest = 64
        while widest > 0 && atLeast[widest] == 0 { widest -= 1 }
        // Nothing to patch below a few bits.
        if widest <= 2 {
            let size = header + BitPacking.byteCount(count: n, width: widest) + 1
            guard size <= budget else { return nil }
            return PatchedPlan(centre: centre, scale: scale, width: widest, high: 0, zigzags: zigzags(), rows: [], rowList: [], size: size)
        }
        // Cost in bits of each width: the packed values, the patches' high bits, and their
        // rows (about as many bits as their average gap needs). Patches are for the few
        // outliers — at most an eighth of the values — so that decoding them costs little.
        var width = widest, best = n * widest
        var k = 0
        var w = widest
        while w > 0 {
            let wider = atLeast[w]
            guard wider * 8 <= n else { break }
            w -= 1
            let bits = n * w + wider * (widest - w + BitPacking.width(of: UInt64(2 * n / Swift.max(wider, 1)))) + 32
            if bits < best { (width, best, k) = (w, bits, wider) }
        }
        // Without the rows of the patches, a lower bound: above the budget, stop here.
        guard (n * width + k * (widest - width)) / 8 <= budget else { return nil }
        // Everything but the patches' rows is known exactly now; their rows take 4 bytes at
        // least as a list (an encoding byte and a block's header), else a bitmap. A plan that
        // cannot come under the budget even so is not worked out.
        let high = k == 0 ? 0 : widest - width
        let fixed =
            header + BitPacking.byteCount(count: n, width: width) + varUIntSize(UInt64(k))
            + (k == 0 ? 0 : 1 + BitPacking.byteCount(count: k, width: high))
        let bitmapSize = (n + 7) / 8
        guard fixed + (k == 0 ? 0 : Swift.min(4, bitmapSize)) < budget else { return nil }
        // The plan is likely to be taken now: its zigzags stored, the patches' rows found in them.
        let stored = zigzags()
        var rows: [Int64] = []
        var rowList: [UInt8] = []
        var rowsPart = 0
        if k > 0 {
            rows = [Int64](unsafeUninitializedCapacity: k) { r, initialized in
                var j = 0
                let shift = UInt64(width)
                stored.withUnsafeBufferPointer { z in
                    for i in 0..<n where z[i] &>> shift != 0 {
                        r[j] = Int64(i)
                        j &+= 1
                    }
                }
                precondition(j == k, "patches miscounted")
                initialized = k
            }
            // The list is worked out only where it may be smaller than the bitmap (or, where
            // the bitmap is over the budget, under the budget).
            let room = budget == .max ? Int.max : budget - fixed
            let listBudget = bitmapSize < room ? bitmapSize : room - 1
            // Ascending and distinct: their statistics are known.
            let statistics = ValueStatistics(min: rows[0], max: rows[k - 1], runs: k)
            let choice = rows.withUnsafeBufferPointer {
                choose($0, among: patchPositionCandidates, statistics: statistics, budget: listBudget)
            }
            if choice.size < listBudget {
                rows.withUnsafeBufferPointer { appendNested($0, choice, to: &rowList) }
                rowsPart = Swift.min(rowList.count, bitmapSize)
            } else if bitmapSize < room {
                rowsPart = bitmapSize
            } else {
                return nil
            }
        }
        let size = fixed + rowsPart
        guard size < budget else { return nil }
        return PatchedPlan(centre: centre, scale: scale, width: width, high: high, zigzags: stored, rows: rows, rowList: rowList, size: size)
    }

    /// The median of an even sample of up to 63 of `values` (at least one): the middle of
    /// `values[j * n / m]` for j in 0..<m, found by selection on the stack.
    static func sampleMedian(_ values: UnsafeBufferPointer<Int64>) -> Int64 {
        let n = values.count
        let m = Swift.min(n, 63)
        return withUnsafeTemporaryAllocation(of: Int64.self, capacity: m) { a in
            // j * n / m without a division a value: the quotient and remainder carried.
            let step = n / m, extra = n % m
            var index = 0, carried = 0
            for j in 0..<m {
                a.initializeElement(at: j, to: values[index])
                index &+= step
                carried &+= extra
                if carried >= m {
                    carried &-= m
                    index &+= 1
                }
            }
            // Hoare's selection of the element of rank m / 2.
            let k = m / 2
            var lo = 0, hi = m - 1
            while lo < hi {
                let pivot = a[k]
                var i = lo, j = hi
                repeat {
                    while a[i] < pivot { i &+= 1 }
                    while pivot < a[j] { j &-= 1 }
                    if i <= j {
                        a.swapAt(i, j)
                        i &+= 1
                        j &-= 1
                    }
                } while i <= j
                if j < k { lo = i }
                if k < i { hi = j }
            }
            return a[k]
        }
    }

    /// The zigzags of a block's values about a centre in a scale, counted without storing them.
    struct PatchedZigzags {
        let values: UnsafeBufferPointer<Int64>
        let centre: Int64
        let scale: UInt64
        let divide: DivisibilityTest

        /// zigzag((values[i] − centre) / scale), the quotient's sign being the distance's.
        @inline(__always) func zigzag(_ i: Int) -> UInt64 {
            let d = values[i] &- centre
            if scale == 1 { return UInt64(bitPattern: (d &<< 1) ^ (d &>> 63)) }
            let q = divide.exactQuotient(d.magnitude)
            return d < 0 ? (q &<< 1) &- 1 : q &<< 1
        }

        /// The number of zigzags wider than `bits` bits (0...63), nil when the window of the
        /// narrower ones does not fit the arithmetic: one pass without stores or divisions.
        func count(widerThan bits: Int) -> Int? {
            var count = 0
            if bits == 0 {
                for v in values { count &+= v != centre ? 1 : 0 }
                return count
            }
            // A zigzag narrower than `bits` bits is a quotient q with −h ≤ q < h, h = 2^(bits−1):
            // a distance d = q × scale with −h × scale ≤ d ≤ (h − 1) × scale, tested as one
            // unsigned comparison of d + h × scale (every distance is a multiple of the scale).
            let (reach, overflow) = scale.multipliedReportingOverflow(by: 1 << UInt64(bits - 1))
            guard !overflow, reach <= 1 << 63 else { return nil }
            let limit = (reach - scale) + reach
            for v in values {
                count &+= UInt64(bitPattern: v &- centre) &+ reach > limit ? 1 : 0
            }
            return count
        }

        /// For each width w in 0...65, the number of zigzags of w bits or more.
        func widthsAtLeast() -> [Int] {
            var counts = [Int](repeating: 0, count: 66)
            // Four interleaved histograms, summed after: neighbours mostly share a width, and
            // one counter incremented row after row would wait on its own store each time.
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 4 * 65) { h in
                h.initialize(repeating: 0)
                if scale == 1 {
                    // No division: the zigzag of the distance itself, with shifts.
                    for i in 0..<values.count {
                        let d = values[i] &- centre
                        let x = UInt64(bitPattern: (d &<< 1) ^ (d &>> 63))
                        h[(i & 3) &* 65 &+ (64 &- x.leadingZeroBitCount)] &+= 1
                    }
                } else {
                    for i in 0..<values.count {
                        h[(i & 3) &* 65 &+ (64 &- zigzag(i).leadingZeroBitCount)] &+= 1
                    }
                }
                for w in stride(from: 64, through: 0, by: -1) {
                    counts[w] = counts[w + 1] &+ h[w] &+ h[65 &+ w] &+ h[130 &+ w] &+ h[195 &+ w]
                }
            }
            return counts
        }
    }

    /// Appends the block `plan` describes.
    static func appendPatched(_ plan: PatchedPlan, to out: inout [UInt8]) {
        let n = plan.zigzags.count
        let start = out.count
        out.appendVarInt(plan.centre)
        out.appendVarUInt(plan.scale)
        out.append(UInt8(plan.width))
        out.append(UInt8(plan.high))
        if plan.rows.isEmpty {
            plan.zigzags.withUnsafeBufferPointer { BitPacking.pack($0, width: plan.width, into: &out) }
        } else {
            let mask: UInt64 = (1 << UInt64(plan.width)) &- 1
            let lows = plan.zigzags.map { $0 & mask }
            lows.withUnsafeBufferPointer { BitPacking.pack($0, width: plan.width, into: &out) }
        }
        out.appendVarUInt(UInt64(plan.rows.count))
        if !plan.rows.isEmpty {
            // The patches' rows as a list or as a bitmap of every row, whichever is smaller.
            let bitmapSize = (n + 7) / 8
            if plan.rowList.isEmpty || bitmapSize < plan.rowList.count {
                out.append(PatchRows.bitmap)
                var bitmap = [UInt8](repeating: 0, count: bitmapSize)
                for p in plan.rows { bitmap[Int(p) >> 3] |= 1 << UInt8(p & 7) }
                out.append(contentsOf: bitmap)
            } else {
                out.append(PatchRows.list)
                out.append(contentsOf: plan.rowList)
            }
            let highs = plan.rows.map { plan.zigzags[Int($0)] >> UInt64(plan.width) }
            highs.withUnsafeBufferPointer { BitPacking.pack($0, width: plan.high, into: &out) }
        }
        assert(out.count - start == plan.size, "patched size mispredicted")
    }

    /// How a patched block lists its patches' rows.
    enum PatchRows {
        /// A nested block {frame-of-reference, delta} of the rows, ascending.
        static let list: UInt8 = 0
        /// One bit per row, set for the patched rows (bit `i % 8` of byte `i / 8`).
        static let bitmap: UInt8 = 1
    }

    /// Reads a patched payload of `count` values and writes the first `prefix` into `out`.
    static func decodePatched(
        _ reader: inout ByteReader, count: Int, prefix: Int, into out: UnsafeMutablePointer<Int64>
    ) throws(ChunkError) {
        let centre = try reader.varInt("patched centre")
        let scale = Int64(bitPattern: try reader.varUInt("patched scale"))
        let width = Int(try reader.u8("bit width"))
        let high = Int(try reader.u8("patch bit width"))
        guard width <= 64, high <= 64 - width else {
            throw .lengthOutOfRange("bit widths \(width) and \(high) exceed 64")
        }
        let packed = try reader.take(BitPacking.byteCount(count: count, width: width), "bit-packed values")
        let patches = try reader.count("patch count", limit: count)
        var positions: [Int64] = []
        var bitmap = UnsafeRawBufferPointer(start: nil, count: 0)
        var highs: [UInt64] = []
        if patches > 0 {
            let form = try reader.u8("the form of the patches' rows")
            switch form {
            case PatchRows.list:
                // Checked for order and range as they are applied.
                positions = [Int64](unsafeUninitializedCapacity: patches) { _, initialized in initialized = patches }
                try withMutableElements(&positions) { (p) throws(ChunkError) in
                    try decodeNested(&reader, among: patchPositionCandidates, count: patches, into: p)
                }
            case PatchRows.bitmap:
                bitmap = try reader.take((count + 7) / 8, "the patches' row bitmap")
                var set = 0
                for byte in bitmap { set += byte.nonzeroBitCount }
                let spare = bitmap.count * 8 - count
                guard set == patches, spare == 0 || bitmap[bitmap.count - 1] >> UInt8(8 - spare) == 0 else {
                    throw .malformed("a patch bitmap with \(set) rows set for \(patches) patches")
                }
            default:
                throw .malformed("patch rows in form \(form)")
            }
            let highBytes = try reader.take(BitPacking.byteCount(count: patches, width: high), "patch high bits")
            highs = [UInt64](unsafeUninitializedCapacity: patches) { h, initialized in
                BitPacking.unpack(highBytes, width: high, count: patches, into: h.baseAddress!)
                initialized = patches
            }
        }
        /// Calls `body(row, j)` for patch `j` at `row`, in row order, for the rows below
        /// `prefix`; returns false when listed rows are out of order or outside the rows.
        @inline(__always) func forEachPatch(_ body: (Int, Int) -> Void) -> Bool {
            guard patches > 0 else { return true }
            if positions.isEmpty {
                var j = 0
                var byte = 0
                while byte < bitmap.count {
                    // Eight bytes at a time where they are there, then byte by byte.
                    var word: UInt64
                    let step: Int
                    if byte + 8 <= bitmap.count {
                        word = UInt64(littleEndian: bitmap.loadUnaligned(fromByteOffset: byte, as: UInt64.self))
                        step = 8
                    } else {
                        word = UInt64(bitmap[byte])
                        step = 1
                    }
                    while word != 0 {
                        let row = byte &* 8 &+ word.trailingZeroBitCount
                        guard row < prefix else { return true }
                        body(row, j)
                        j &+= 1
                        word &= word &- 1
                    }
                    byte &+= step
                }
                return true
            }
            return positions.withUnsafeBufferPointer { rows in
                var previous = -1, disordered = 0
                let limit = UInt(prefix)
                for j in 0..<patches {
                    let row = Int(truncatingIfNeeded: rows[j])
                    disordered |= row <= previous || rows[j] >= Int64(count) ? 1 : 0
                    previous = row
                    if UInt(bitPattern: row) < limit { body(row, j) }
                }
                return disordered == 0
            }
        }
        let inOrder: Bool
        if width == 0 {
            // Every value but the patches is the centre: fill, then patch.
            out.update(repeating: centre, count: prefix)
            inOrder = highs.withUnsafeBufferPointer { h in
                forEachPatch { row, j in out[row] = centre &+ zigzagDecode(h[j]) &* scale }
            }
            guard inOrder else { throw .malformed("patch rows out of order or outside \(count) rows") }
            return
        }
        let q = UnsafeMutableRawPointer(out).assumingMemoryBound(to: UInt64.self)
        BitPacking.unpack(packed, width: width, count: prefix, into: q)
        let shift = UInt64(width)
        inOrder = highs.withUnsafeBufferPointer { h in
            forEachPatch { row, j in q[row] |= h[j] << shift }
        }
        guard inOrder else { throw .malformed("patch rows out of order or outside \(count) rows") }
        // In place, through the one pointer, so that the loop vectorises.
        let c = UInt64(bitPattern: centre), m = UInt64(bitPattern: scale)
        if scale == 1 {
            for i in 0..<prefix {
                let x = q[i]
                q[i] = c &+ ((x &>> 1) ^ (0 &- (x & 1)))
            }
        } else {
            for i in 0..<prefix {
                let x = q[i]
                q[i] = c &+ ((x &>> 1) ^ (0 &- (x & 1))) &* m
            }
        }
    }
}
