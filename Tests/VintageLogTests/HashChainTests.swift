import PropertyBased
import Testing
import VintageCore

@testable import VintageLog

/// The chain link, which stores on disk hold: SHA-256 of the previous link, the seq and the
/// recording time (little-endian), the checksum and the id's UTF-8 bytes, in that order —
/// whether gathered on the stack and hashed in one shot or fed to a hasher piece by piece.
@Suite struct HashChainTests {
    /// The link by its definition, fed to an incremental hasher.
    static func definition(previous: [UInt8], seq: Int64, recordedAt: Int64, id: String, checksum: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(previous)
        withUnsafeBytes(of: seq.littleEndian) { hasher.update(bufferPointer: $0) }
        withUnsafeBytes(of: recordedAt.littleEndian) { hasher.update(bufferPointer: $0) }
        hasher.update(checksum)
        hasher.update(Array(id.utf8))
        return hasher.finalize()
    }

    /// A link computed outside Swift (Python's hashlib), so that the bytes hashed stay the
    /// ones existing stores were written with.
    @Test func theFirstLinkOfAnEventIsPinned() {
        let checksum = SHA256.hash(Array("{}".utf8))
        let link = HashChain.link(
            previous: HashChain.genesis, seq: 1, recordedAt: Timestamp(microseconds: 1_700_000_000_000_000),
            id: EventID(unchecked: "ev-1"), checksum: checksum)
        #expect(
            link.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
                == "5ed5f2e5322325c0788e5948e96996b769123a39ae48722aa04ef3c4b40c1196")
    }

    /// Random links, seqs, times, checksums (also of damaged lengths) and ids up to 1,500
    /// bytes of UTF-8 (past the stack buffer of a temporary allocation).
    @Test func theLinkFollowsItsDefinition() async {
        let bytes = Gen.uint8(in: 0...255).array(of: 0...40)
        let id = Gen.character(in: " "..."\u{10FF}").string(of: 1...500)
        await propertyCheck(count: 300, input: bytes, Gen.int64(in: .min ... .max), Gen.int64(in: .min ... .max), id, bytes) {
            previous, seq, time, id, checksum in
            let expected = Self.definition(previous: previous, seq: seq, recordedAt: time, id: id, checksum: checksum)
            let event = EventID(unchecked: id)
            #expect(
                HashChain.link(previous: previous, seq: seq, recordedAt: Timestamp(microseconds: time), id: event, checksum: checksum) == expected)
            let digest = HashChain.digest(previous: previous, seq: seq, recordedAt: Timestamp(microseconds: time), id: event, checksum: checksum)
            #expect(digest.matches(expected))
            var other = expected
            other[Int(UInt64(bitPattern: seq) % 32)] ^= 0x80
            #expect(!digest.matches(other))
        }
    }
}
