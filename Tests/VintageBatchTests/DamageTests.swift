import PropertyBased
import Testing
import VintageCore
import VintageTestSupport

@testable import VintageBatch

@Suite("Damaged record batches are refused")
struct DamageTests {
    static func decode(_ bytes: [UInt8]) -> Result<RecordBatch, RecordBatchError> {
        bytes.withUnsafeBytes { raw in
            do throws(RecordBatchError) { return .success(try RecordBatch(decoding: raw)) } catch { return .failure(error) }
        }
    }

    static func sample(codec: RecordBatchFormat.Codec) -> ([PreparedEvent], [UInt8]) {
        var seeded = Xoshiro(seed: (7, 11, 13, 17))
        let events = Events.stream.run(using: &seeded)
        var rng: any SeededRandomNumberGenerator = seeded
        let pool = [try! SeriesID("kr.exports"), try! SeriesID("kr.imports")]
        let more = (0..<40).map { i in PreparedEvent(InputEvent(line: i, id: nil, event: .observation(Events.pooledObservation(&rng, pool: pool)))) }
        let all = events + more
        return (all, RecordBatchEncoder.encode(all, codec: codec))
    }

    /// The samples damaged: a random stream in both codecs (plain doubles), and the trade and
    /// observation slices (predicted decimals with scale drops and with scales).
    static func sample(_ name: String) throws -> ([PreparedEvent], [UInt8]) {
        switch name {
        case "stream, codec 1": return sample(codec: .canonicalJSON)
        case "stream, codec 2": return sample(codec: .columnar)
        case "trade": let e = try prepared(DatagenSlices.trade); return (e, RecordBatchEncoder.encode(e))
        default: let e = try prepared(DatagenSlices.observations); return (e, RecordBatchEncoder.encode(e))
        }
    }

    @Test(
        "flipping any single byte, truncating or appending gives an error, never a crash",
        arguments: ["stream, codec 1", "stream, codec 2", "trade", "observations"])
    func everyByte(sample name: String) throws {
        let (events, bytes) = try Self.sample(name)
        try expectRoundTrip(events, bytes)
        for i in bytes.indices {
            for flip: UInt8 in [0x01, 0x80, 0xFF] {
                var damaged = bytes
                damaged[i] ^= flip
                guard case .failure = Self.decode(damaged) else {
                    Issue.record("byte \(i) ^ \(flip) was accepted")
                    continue
                }
            }
        }
        for n in 0..<bytes.count {
            guard case .failure(let e) = Self.decode(Array(bytes.prefix(n))) else { Issue.record("\(n) bytes accepted"); continue }
            #expect(!e.reason.isEmpty && !e.reason.contains("\n"))
        }
        for extra in [[0], [0, 0, 0, 0], [1, 2, 3]] as [[UInt8]] {
            guard case .failure = Self.decode(bytes + extra) else { Issue.record("\(extra.count) appended bytes accepted"); continue }
        }
    }

    @Test("random bytes, with or without a valid header and checksum, give an error")
    func randomBytes() async {
        let bytesGen = Generator<[UInt8], Shrink.None<[UInt8]>> { rng in
            (0..<Int.random(in: 0...300, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        }
        await propertyCheck(count: 500, input: bytesGen) { (random) in
            #expect(throws: RecordBatchError.self) { try random.withUnsafeBytes { _ = try RecordBatch(decoding: $0) } }
        }
    }
}
