import Crypto
import PropertyBased
import Testing
import VintageCore

/// VintageCore's own SHA-256 (which replaced swift-crypto's, to keep Foundation out of the
/// binary): the FIPS 180-2 example vectors, and swift-crypto's digests of random inputs fed
/// in random pieces.
@Suite struct SHA256Tests {
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { b in String(b >> 4, radix: 16) + String(b & 15, radix: 16) }.joined()
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func knownVectors(message: String, digest: String) {
        #expect(Self.hex(VintageCore.SHA256.hash(Array(message.utf8))) == digest)
    }

    @Test func aMillionAs() {
        var hasher = VintageCore.SHA256()
        let thousand = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(thousand) }
        #expect(Self.hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Every length from 0 to 300 bytes (all the padding cases around 55, 56 and 64) and
    /// random pieces: the digest is swift-crypto's, and `finalize` leaves the hasher as it was.
    @Test func equalsSwiftCryptoOnRandomInputs() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...300), Gen.uint64(in: 0...UInt64.max)) { length, seed in
            var state = seed
            func next() -> UInt64 {
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                return z ^ (z >> 31)
            }
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: next()) }
            let expected = Array(Crypto.SHA256.hash(data: bytes))
            var hasher = VintageCore.SHA256()
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + Int(next() % 80))
                bytes[start..<end].withUnsafeBytes { hasher.update(bufferPointer: $0) }
                if next() % 4 == 0 { _ = hasher.finalize() }
                start = end
            }
            #expect(hasher.finalize() == expected)
            #expect(VintageCore.SHA256.hash(bytes) == expected)
        }
    }
}
