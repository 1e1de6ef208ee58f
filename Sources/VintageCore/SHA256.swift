import CSHA256

/// SHA-256 (FIPS 180-4), incremental: the hash of event checksums, derived event ids and the
/// log's hash chain.
///
/// Written here rather than taken from swift-crypto, whose `Crypto` module imports Foundation
/// on Linux: linking it loaded Foundation and ICU into every `vintage` process, most of the
/// start-up time of a command. The block function is the CPU's SHA instructions where it has
/// them (x86-64 SHA-NI, in the `CSHA256` target, detected at run time), else the Swift one
/// below. Checked against the FIPS 180-2 example vectors and against swift-crypto on random
/// inputs split at random points, on both block functions (`SHA256Tests`).
public struct SHA256: Sendable {
    /// The digest's size in bytes.
    public static let byteCount = 32

    /// A digest held inline: 32 bytes in digest order, with no heap allocation, for hot paths
    /// that compare or keep many digests.
    public struct Digest: Sendable, Hashable {
        /// The digest's bytes, in order, as four words in memory.
        fileprivate var words: (UInt64, UInt64, UInt64, UInt64)

        /// The digest's 32 bytes.
        public var bytes: [UInt8] {
            [UInt8](unsafeUninitializedCapacity: SHA256.byteCount) { out, count in
                Swift.withUnsafeBytes(of: words) { UnsafeMutableRawBufferPointer(out).copyMemory(from: $0) }
                count = SHA256.byteCount
            }
        }

        /// Calls `body` with the digest's 32 bytes.
        public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
            var words = self.words
            return try Swift.withUnsafeBytes(of: &words) { (raw) throws(E) -> R in try body(raw) }
        }

        /// Whether `bytes` are exactly this digest's 32 bytes.
        public func matches(_ bytes: [UInt8]) -> Bool {
            guard bytes.count == SHA256.byteCount else { return false }
            return bytes.withUnsafeBytes { other in
                other.loadUnaligned(fromByteOffset: 0, as: UInt64.self) == words.0
                    && other.loadUnaligned(fromByteOffset: 8, as: UInt64.self) == words.1
                    && other.loadUnaligned(fromByteOffset: 16, as: UInt64.self) == words.2
                    && other.loadUnaligned(fromByteOffset: 24, as: UInt64.self) == words.3
            }
        }

        public static func == (lhs: Digest, rhs: Digest) -> Bool {
            lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2 && lhs.words.3 == rhs.words.3
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(words.0)
            hasher.combine(words.1)
            hasher.combine(words.2)
            hasher.combine(words.3)
        }

        /// The digest of the working words `state`.
        fileprivate init(_ state: State) {
            func word(_ high: UInt32, _ low: UInt32) -> UInt64 { (UInt64(high) << 32 | UInt64(low)).bigEndian }
            words = (word(state.0, state.1), word(state.2, state.3), word(state.4, state.5), word(state.6, state.7))
        }
    }

    /// Which block function a hasher uses.
    enum Implementation: Sendable, CaseIterable {
        /// The CPU's SHA instructions (`CSHA256`).
        case hardware
        /// The Swift block function, on any CPU.
        case software

        /// The hardware where this CPU has it, else the software.
        static let fastest: Implementation = csha256_has_hardware() != 0 ? .hardware : .software
    }

    /// The working words a...h.
    fileprivate typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)
    /// Two blocks of bytes: room for the last bytes of a message and their padding.
    private typealias Tail = (
        UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
        UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
    )

    private static let initialState: State =
        (0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19)

    private var state: State = Self.initialState
    /// The bytes of a block not yet compressed (the first `pending` of them).
    private var block: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private var pending = 0
    /// The number of bytes hashed so far.
    private var length: UInt64 = 0
    /// The block function this hasher uses.
    let implementation: Implementation

    /// A hasher that has hashed nothing.
    public init() {
        implementation = .fastest
    }

    /// A hasher that has hashed nothing and uses the block function `implementation` (the
    /// tests check both on a CPU that has the hardware one).
    init(implementation: Implementation) {
        self.implementation = implementation
    }

    /// Hashes `data` after the bytes hashed so far.
    public mutating func update(bufferPointer data: UnsafeRawBufferPointer) {
        guard var p = data.baseAddress, data.count > 0 else { return }
        var n = data.count
        length &+= UInt64(n)
        if pending > 0 {
            let take = Swift.min(64 - pending, n)
            let offset = pending
            withUnsafeMutableBytes(of: &block) { ($0.baseAddress! + offset).copyMemory(from: p, byteCount: take) }
            pending += take
            p += take
            n -= take
            guard pending == 64 else { return }
            let full = block
            withUnsafeBytes(of: full) { Self.compress(&state, $0.baseAddress!, blocks: 1, implementation) }
            pending = 0
        }
        if n >= 64 {
            Self.compress(&state, p, blocks: n / 64, implementation)
            p += n & ~63
            n &= 63
        }
        if n > 0 {
            withUnsafeMutableBytes(of: &block) { $0.baseAddress!.copyMemory(from: p, byteCount: n) }
            pending = n
        }
    }

    /// Hashes `bytes` after the bytes hashed so far.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update(bufferPointer: $0) }
    }

    /// The digest of the bytes hashed so far (32 bytes); the hasher itself is unchanged.
    public func finalize() -> [UInt8] {
        digest().bytes
    }

    /// The digest of the bytes hashed so far, inline; the hasher itself is unchanged.
    public func digest() -> Digest {
        var tail: Tail = (block.0, block.1, block.2, block.3, block.4, block.5, block.6, block.7, 0, 0, 0, 0, 0, 0, 0, 0)
        return Self.finish(state, tail: &tail, pending: pending, length: length, implementation)
    }

    /// The digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { digest(of: $0).bytes }
    }

    /// The digest of `data`, inline: the one-shot path for short inputs, with no heap
    /// allocation.
    public static func digest(of data: UnsafeRawBufferPointer) -> Digest {
        digest(of: data, implementation: .fastest)
    }

    /// ``digest(of:)`` with the block function `implementation`.
    static func digest(of data: UnsafeRawBufferPointer, implementation: Implementation) -> Digest {
        var state = initialState
        var tail: Tail = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        guard let p = data.baseAddress, data.count > 0 else {
            return finish(state, tail: &tail, pending: 0, length: 0, implementation)
        }
        let whole = data.count & ~63
        if whole > 0 { compress(&state, p, blocks: whole / 64, implementation) }
        let rest = data.count - whole
        if rest > 0 { withUnsafeMutableBytes(of: &tail) { $0.baseAddress!.copyMemory(from: p + whole, byteCount: rest) } }
        return finish(state, tail: &tail, pending: rest, length: UInt64(data.count), implementation)
    }

    /// The digest after the `pending` (< 64) bytes at the start of `tail`, from `state`, of a
    /// message of `length` bytes: pads `tail` (whose other bytes are zero) and folds it in.
    private static func finish(_ state: State, tail: inout Tail, pending: Int, length: UInt64, _ implementation: Implementation) -> Digest {
        var state = state
        withUnsafeMutableBytes(of: &tail) { t in
            t[pending] = 0x80
            for i in (pending + 1)..<64 { t[i] = 0 }
            let blocks = pending >= 56 ? 2 : 1
            t.storeBytes(of: (length &* 8).bigEndian, toByteOffset: 64 * blocks - 8, as: UInt64.self)
            compress(&state, UnsafeRawPointer(t.baseAddress!), blocks: blocks, implementation)
        }
        return Digest(state)
    }

    /// Folds the `blocks` 64-byte blocks at `p` into `state`.
    @inline(__always)
    private static func compress(_ state: inout State, _ p: UnsafeRawPointer, blocks: Int, _ implementation: Implementation) {
        switch implementation {
        case .hardware:
            withUnsafeMutablePointer(to: &state) {
                $0.withMemoryRebound(to: UInt32.self, capacity: 8) { csha256_blocks($0, p, blocks) }
            }
        case .software:
            for i in 0..<blocks { compressInSwift(&state, p + 64 * i) }
        }
    }

    /// Folds the 64-byte block at `p` into `state`, in Swift.
    private static func compressInSwift(_ state: inout State, _ p: UnsafeRawPointer) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            for i in 0..<16 { w[i] = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)) }
            for i in 16..<64 {
                let a = w[i - 15], b = w[i - 2]
                let s0 = a.rotatedRight(7) ^ a.rotatedRight(18) ^ (a >> 3)
                let s1 = b.rotatedRight(17) ^ b.rotatedRight(19) ^ (b >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, h) = state
            Self.roundConstants.withUnsafeBufferPointer { k in
                for i in 0..<64 {
                    let s1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
                    let choice = (e & f) ^ (~e & g)
                    let t1 = h &+ s1 &+ choice &+ k[i] &+ w[i]
                    let s0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
                    let majority = (a & b) ^ (a & c) ^ (b & c)
                    let t2 = s0 &+ majority
                    h = g
                    g = f
                    f = e
                    e = d &+ t1
                    d = c
                    c = b
                    b = a
                    a = t1 &+ t2
                }
            }
            state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ h)
        }
    }

    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2
    ]
}

extension UInt32 {
    /// The bits rotated right by `n` (0 < n < 32).
    @inline(__always)
    fileprivate func rotatedRight(_ n: UInt32) -> UInt32 { (self >> n) | (self << (32 - n)) }
}
