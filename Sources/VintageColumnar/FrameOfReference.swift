import VintageBits

/// The frame of a frame-of-reference block: every value is `base + scale × packed`,
/// `packed` being an unsigned integer of `width` bits.
public struct FrameOfReference: Sendable, Equatable {
    /// The smallest value of the block.
    public var base: Int64
    /// The greatest common divisor of every value's distance from `base` (1 when there is none).
    public var scale: UInt64
    /// The bit width of the largest packed value.
    public var width: Int

    /// Creates a frame from its parts.
    public init(base: Int64, scale: UInt64, width: Int) {
        self.base = base
        self.scale = scale
        self.width = width
    }

    /// The tightest frame for `values`: minimum as base, common divisor of the offsets as scale.
    public init(fitting values: UnsafeBufferPointer<Int64>) {
        guard let first = values.first else {
            self.init(base: 0, scale: 1, width: 0)
            return
        }
        var lo = first, hi = first
        for v in values {
            lo = Swift.min(lo, v)
            hi = Swift.max(hi, v)
        }
        self.init(fitting: values, min: lo, max: hi)
    }

    /// The tightest frame for `values`, whose smallest and largest are `lo` and `hi`
    /// (found by the caller): as ``init(fitting:)``, without another pass for them.
    init(fitting values: UnsafeBufferPointer<Int64>, min lo: Int64, max hi: Int64) {
        guard !values.isEmpty else {
            self.init(base: 0, scale: 1, width: 0)
            return
        }
        let range = UInt64(bitPattern: hi &- lo)
        if range == 0 {
            self.init(base: lo, scale: 1, width: 0)
            return
        }
        let g = commonDivisor(values, base: lo)
        self.init(base: lo, scale: g, width: BitPacking.width(of: range / g))
    }

    /// The bytes this frame's header takes (base, scale, width).
    var headerSize: Int {
        varUIntSize(zigzagEncode(base)) + varUIntSize(scale) + 1
    }

    /// The bytes a block of `count` values in this frame takes.
    func blockSize(count: Int) -> Int {
        headerSize + BitPacking.byteCount(count: count, width: width)
    }
}

/// The greatest common divisor of `v - base` over `values` (all offsets are non-negative as unsigned).
///
/// A candidate divisor is taken from the first offsets, then every offset is checked with a
/// multiplication by the modular inverse instead of a division; the rare offset that is not a
/// multiple shrinks the candidate.
func commonDivisor(_ values: UnsafeBufferPointer<Int64>, base: Int64) -> UInt64 {
    var g: UInt64 = 0
    var seen = 0
    for v in values {
        let d = UInt64(bitPattern: v &- base)
        if d != 0 {
            g = gcd(g, d)
            seen += 1
            if seen == 4 || g == 1 { break }
        }
    }
    if g <= 1 { return 1 }
    var test = DivisibilityTest(g)
    for v in values {
        let d = UInt64(bitPattern: v &- base)
        if !test.divides(d) {
            g = gcd(g, d)
            if g == 1 { return 1 }
            test = DivisibilityTest(g)
        }
    }
    return g
}

/// Tests `d % divisor == 0` with a shift, a multiplication and a comparison.
struct DivisibilityTest {
    let shift: UInt64
    let lowMask: UInt64
    let inverse: UInt64
    let limit: UInt64

    init(_ divisor: UInt64) {
        let tz = divisor.trailingZeroBitCount
        let odd = divisor >> UInt64(tz)
        var inv = odd
        for _ in 0..<5 { inv = inv &* (2 &- odd &* inv) }
        shift = UInt64(tz)
        lowMask = (1 << UInt64(tz)) &- 1
        inverse = inv
        limit = UInt64.max / odd
    }

    @inline(__always)
    func divides(_ d: UInt64) -> Bool {
        (d & lowMask) == 0 && ((d &>> shift) &* inverse) <= limit
    }

    /// `d / divisor`, exact when `divides(d)`.
    @inline(__always)
    func exactQuotient(_ d: UInt64) -> UInt64 {
        (d &>> shift) &* inverse
    }
}

/// Binary greatest common divisor; `gcd(0, x) == x`.
func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
    if a == 0 { return b }
    if b == 0 { return a }
    var u = a, v = b
    let shift = (u | v).trailingZeroBitCount
    u >>= UInt64(u.trailingZeroBitCount)
    repeat {
        v >>= UInt64(v.trailingZeroBitCount)
        if u > v { swap(&u, &v) }
        v -= u
    } while v != 0
    return u << UInt64(shift)
}
