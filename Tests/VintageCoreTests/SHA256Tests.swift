import Crypto
import PropertyBased
import Testing

@testable import VintageCore

#if canImport(Glibc)
    import Glibc
    import VintageTestSupport
#endif

/// VintageCore's own SHA-256 (which replaced swift-crypto's, to keep Foundation out of the
/// binary), on both block functions (the CPU's SHA instructions and the Swift one, forced):
/// the FIPS 180-2 example vectors, and swift-crypto's digests of inputs of every length up to
/// 300 bytes, of large inputs and of random inputs fed in random pieces.
@Suite struct SHA256Tests {
    typealias Implementation = VintageCore.SHA256.Implementation

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { b in String(b >> 4, radix: 16) + String(b & 15, radix: 16) }.joined()
    }

    /// `count` bytes from SplitMix64 seeded with `seed`.
    static func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var rng = SplitMix64(state: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    }

    /// The digest of `bytes` by every entry point with the block function `implementation`:
    /// the one-shot path, one `update`, and `update`s of pieces whose sizes `pieceSize` draws
    /// (with `finalize` called between some of them, which must change nothing). Nil if
    /// they disagree.
    static func digest(of bytes: [UInt8], _ implementation: Implementation, pieceSize: () -> Int = { 7 }) -> [UInt8]? {
        let oneShot = bytes.withUnsafeBytes { VintageCore.SHA256.digest(of: $0, implementation: implementation) }
        var whole = VintageCore.SHA256(implementation: implementation)
        whole.update(bytes)
        var pieces = VintageCore.SHA256(implementation: implementation)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + pieceSize())
            bytes[start..<end].withUnsafeBytes { pieces.update(bufferPointer: $0) }
            if end % 3 == 0 { _ = pieces.finalize() }
            start = end
        }
        let digests = [oneShot.bytes, whole.finalize(), whole.digest().bytes, pieces.finalize()]
        return digests.allSatisfy { $0 == digests[0] } ? digests[0] : nil
    }

    @Test(
        arguments: Implementation.allCases,
        [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
            (
                "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
            )
        ])
    func knownVectors(implementation: Implementation, vector: (message: String, digest: String)) {
        #expect(Self.digest(of: Array(vector.message.utf8), implementation).map(Self.hex) == vector.digest)
    }

    @Test(arguments: Implementation.allCases)
    func aMillionAs(implementation: Implementation) {
        var hasher = VintageCore.SHA256(implementation: implementation)
        let thousand = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(thousand) }
        #expect(Self.hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(Self.digest(of: million, implementation).map(Self.hex) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Every length from 0 to 300 bytes: all the padding cases around 55, 56 and 64, one and
    /// several blocks, whole and in pieces of every size from 1 to 70.
    @Test(arguments: Implementation.allCases)
    func equalsSwiftCryptoOnEveryShortLength(implementation: Implementation) {
        for length in 0...300 {
            let bytes = Self.randomBytes(length, seed: UInt64(length))
            let expected = Array(Crypto.SHA256.hash(data: bytes))
            let pieceSize = length % 70 + 1
            #expect(Self.digest(of: bytes, implementation, pieceSize: { pieceSize }) == expected, "length \(length)")
        }
    }

    /// Large inputs (many blocks in one call of the block function), whole and in pieces.
    @Test(arguments: Implementation.allCases, [4096, 65_536 + 55, 1_048_576, 1_048_576 + 121])
    func equalsSwiftCryptoOnLargeInputs(implementation: Implementation, length: Int) {
        let bytes = Self.randomBytes(length, seed: UInt64(length) &* 31)
        var rng = SplitMix64(state: UInt64(length))
        #expect(
            Self.digest(of: bytes, implementation, pieceSize: { Int(rng.next() % 9000) + 1 })
                == Array(Crypto.SHA256.hash(data: bytes)))
    }

    /// Random inputs up to a few blocks, fed in random pieces: the digest is swift-crypto's,
    /// and `finalize` leaves the hasher as it was.
    @Test(arguments: Implementation.allCases)
    func equalsSwiftCryptoOnRandomInputs(implementation: Implementation) async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...1000), Gen.uint64(in: 0...UInt64.max)) { length, seed in
            var rng = SplitMix64(state: seed)
            let bytes = Self.randomBytes(length, seed: seed)
            let expected = Array(Crypto.SHA256.hash(data: bytes))
            #expect(Self.digest(of: bytes, implementation, pieceSize: { Int(rng.next() % 150) }) == expected)
            #expect(VintageCore.SHA256.hash(bytes) == expected)
            #expect(contentHash(of: bytes) == expected)
        }
    }

    /// The inline digest: its bytes, `matches` against arrays (equal, one byte changed, too
    /// short, too long), equality and hashing.
    @Test func digestComparesWithItsBytes() {
        let bytes = Self.randomBytes(143, seed: 7)
        let digest = bytes.withUnsafeBytes { VintageCore.SHA256.digest(of: $0) }
        let expected = Array(Crypto.SHA256.hash(data: bytes))
        #expect(digest.bytes == expected)
        #expect(digest.withUnsafeBytes { Array($0) } == expected)
        #expect(digest.matches(expected))
        for i in [0, 7, 8, 15, 16, 24, 31] {
            var changed = expected
            changed[i] ^= 1
            #expect(!digest.matches(changed), "byte \(i) changed")
        }
        #expect(!digest.matches(Array(expected.prefix(31))))
        #expect(!digest.matches(expected + [0]))
        let other = Self.randomBytes(143, seed: 8).withUnsafeBytes { VintageCore.SHA256.digest(of: $0) }
        #expect(digest != other)
        #expect(Set([digest, other, digest]).count == 2)
        var hasher = VintageCore.SHA256()
        hasher.update(bytes)
        #expect(hasher.digest() == digest)
    }

    /// On a CPU whose flags list the SHA extensions (`sha_ni` in /proc/cpuinfo on Linux), the
    /// hasher uses them.
    @Test func usesTheSHAInstructionsWhereTheCPUHasThem() throws {
        #if os(Linux) && arch(x86_64)
            guard let file = fopen("/proc/cpuinfo", "r") else { return }
            defer { fclose(file) }
            var flags: String?
            var line: UnsafeMutablePointer<CChar>?
            var capacity = 0
            while getline(&line, &capacity, file) > 0, let text = line.map({ String(cString: $0) }) {
                if text.hasPrefix("flags") { flags = text; break }
            }
            free(line)
            let words = (flags ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
            let hasSHA = words.contains("sha_ni") && words.contains("ssse3") && words.contains("sse4_1")
            #expect((Implementation.fastest == .hardware) == hasSHA)
            #expect(VintageCore.SHA256().implementation == Implementation.fastest)
        #endif
    }
}
