import Testing
import VintageTestSupport

@testable import VintageColumnar

/// The chunk encoder's choices pinned byte for byte: chunks of projection-shaped columns
/// (padded dictionaries, monthly times, revisions, decimal and noisy values) and of wide,
/// outlying and repeating ones, made by a seeded generator, must keep the checksums the
/// encoder gave them when these were recorded. A faster chooser that picks another encoding,
/// or sizes a block otherwise, changes a checksum.
@Suite("Chunk encoder golden bytes")
struct EncoderGoldenTests {
    /// `values` padded to `n` by repeating the last, as series chunks pad their dictionaries.
    static func padded(_ values: [Int64], to n: Int) -> [Int64] {
        guard let last = values.last, values.count < n else { return Array(values.prefix(n)) }
        return values + Array(repeating: last, count: n - values.count)
    }

    /// Projection-shaped columns of `n` rows (the series-chunk layout's nine columns).
    static func projectionColumns(_ n: Int, seed: UInt64) -> [Column] {
        var rng = SplitMix64(state: seed)
        let points = Swift.max(1, n / 3)
        var times: [Int64] = [], rows: [Int64] = []
        var t: Int64 = 1_600_000_000_000_000
        var left = n
        for _ in 0..<points where left > 0 {
            times.append(t)
            t += Int64([28, 30, 31, 31][rng.pick(4)]) * 86_400_000_000
            let r = Swift.min(left, 2 + rng.pick(2))
            rows.append(Int64(r))
            left -= r
        }
        if left > 0 { rows[rows.count - 1] += Int64(left) }
        let events = Swift.max(1, n / 2)
        var eventTimes: [Int64] = [], seqs: [Int64] = [], ends: [Int64] = []
        var release: Int64 = 1_600_100_000_000_000, seq: Int64 = 1
        for _ in 0..<events {
            eventTimes.append(release)
            release += rng.pick(10) == 0 ? 0 : Int64(20 + rng.pick(15)) * 86_400_000_000
            seqs.append(seq)
            seq += rng.pick(20) == 0 ? Int64(rng.pick(5000)) : 1 + Int64(rng.pick(3))
            ends.append(rng.pick(12) == 0 ? Int64(rng.pick(900)) : 0)
        }
        var steps: [Int64] = [], froms: [Int64] = [], values: [Double] = [], statuses: [UInt8] = []
        var level = 1000 + rng.pick(9000)
        for i in 0..<n {
            steps.append(i == 0 ? 0 : rng.pick(9) == 0 ? Int64(rng.pick(7)) - 3 : 0)
            froms.append(rng.pick(15) == 0 ? Int64(rng.pick(40)) : 0)
            level += rng.pick(41) - 20
            values.append(Double(level) / 10)
            statuses.append(UInt8(i * 4 / Swift.max(n, 1)))
        }
        return [
            .int64(padded(times, to: n)), .int64(padded(rows, to: n)), .int64(padded(eventTimes, to: n)),
            .int64(padded(seqs, to: n)), .int64(padded(ends, to: n)), .int64(steps), .int64(froms),
            .double(values), .uint8(statuses)
        ]
    }

    /// Columns of other shapes: wide random, outliers over a narrow bulk (patched), runs,
    /// a scaled frame, noisy doubles (XOR), repeated doubles, a trailing run.
    static func otherColumns(_ n: Int, seed: UInt64) -> [Column] {
        var rng = SplitMix64(state: seed)
        var wide: [Int64] = [], outliers: [Int64] = [], runs: [Int64] = [], scaled: [Int64] = []
        var noisy: [Double] = [], repeated: [Double] = [], trailing: [Int64] = []
        var run: Int64 = 5
        for i in 0..<n {
            wide.append(Int64(bitPattern: rng.next()))
            outliers.append(rng.pick(20) == 0 ? Int64(rng.pick(1 << 40)) - (1 << 39) : 7_000 + Int64(rng.pick(30)))
            if rng.pick(6) == 0 { run = Int64(rng.pick(100)) - 50 }
            runs.append(run)
            scaled.append(Int64(rng.pick(1000)) * 3_600_000_000)
            noisy.append(Double(bitPattern: 0x4000_0000_0000_0000 | (rng.next() >> 12)))
            repeated.append(Double(rng.pick(3)) * 0.1)
            trailing.append(i < n / 3 ? Int64(i * i) : -9)
        }
        return [
            .int64(scaled), .int64(wide), .int64(outliers), .int64(runs), .int64(trailing),
            .double(noisy), .double(repeated)
        ]
    }

    static let counts = [1, 2, 3, 5, 17, 64, 255, 1000, 4096]

    /// FNV-1a over `bytes` (a chunk's own checksum would not do: a CRC over bytes that end
    /// with their CRC is the same for every chunk).
    static func fingerprint(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    /// Every chunk, in case order (three per count).
    static func chunks(allowsEntropyCoding: Bool) throws -> [[UInt8]] {
        var out: [[UInt8]] = []
        for (k, n) in counts.enumerated() {
            let seed = UInt64(k) &* 7919 &+ 1
            let encoder = ChunkEncoder(allowsEntropyCoding: allowsEntropyCoding)
            out.append(try encoder.encode(projectionColumns(n, seed: seed), validTimeColumn: 0, valueColumn: 7))
            out.append(try encoder.encode(otherColumns(n, seed: seed), validTimeColumn: 0, valueColumn: 5))
            out.append(try ChunkEncoder(compression: .never, allowsEntropyCoding: allowsEntropyCoding).encode(otherColumns(n, seed: seed &+ 1)))
        }
        return out
    }

    /// The fingerprint of every chunk, in case order.
    static func checksums(allowsEntropyCoding: Bool = false) throws -> [UInt64] {
        try chunks(allowsEntropyCoding: allowsEntropyCoding).map(fingerprint)
    }

    /// Recorded with the encoder of main before the single-pass statistics (three per count).
    static let recorded: [UInt64] = [
        0x7dd272ad69885b4, 0x512dc32ef754ecb5, 0x23cdebb2da441616,
        0x4a18f4ab3146423c, 0xbddea4029ae21524, 0x3b5838832c176d7c,
        0x7205ce6e533c0b36, 0xafbe7ec79f6e8c02, 0xa35e6960d38dbdb7,
        0x75effbc90909292, 0xf007a749bf2db310, 0x7193a60b37fb71ab,
        0x30f0d4d3960cf042, 0xfe96f0f324329f3d, 0x33b2dd441e63ad67,
        0x7c41b77ebb6f7044, 0xe357b813110f2b0c, 0x47e42efb77e25d23,
        0x2c15647605c51b17, 0x27b4911dd952ca9e, 0xd8149a73dcf04b9e,
        0xa6ce39ff756121b5, 0x9c473fd05d1d161d, 0xf102670e59443240,
        0x1a7121962602184f, 0xd600be6f1bb74218, 0xf47c4c82224d5c88
    ]

    @Test("chunks of fixed columns keep the bytes the encoder gave them when recorded")
    func goldenChecksums() throws {
        let actual = try Self.checksums()
        #expect(actual == Self.recorded, "checksums now: \(actual.map { "0x" + String($0, radix: 16) })")
    }

    /// Recorded when the entropy encoding came (format version 3): the chunks where it is chosen.
    static let recordedWithEntropy: [UInt64] = [
        0x7dd272ad69885b4, 0x512dc32ef754ecb5, 0x23cdebb2da441616,
        0x4a18f4ab3146423c, 0xbddea4029ae21524, 0x3b5838832c176d7c,
        0x7205ce6e533c0b36, 0xafbe7ec79f6e8c02, 0xa35e6960d38dbdb7,
        0x75effbc90909292, 0xf007a749bf2db310, 0x7193a60b37fb71ab,
        0x30f0d4d3960cf042, 0xfe96f0f324329f3d, 0x33b2dd441e63ad67,
        0xfb1a60adf294e870, 0x14c450bcc86bffe0, 0x5515f2d6c73cdefc,
        0xb5edc4f57650d0a4, 0x8477e36e7555501d, 0xd63cd949812eb105,
        0xd7dee7a5b17cd85, 0x66cfc0f947025a7f, 0xa3c491eb3c1717db,
        0x1a2dcd284809b06, 0xe65995c648297c7e, 0x1289af81fac701eb
    ]

    @Test("with the entropy encoding, a chunk keeps its version-2 bytes or becomes a smaller version-3 chunk")
    func goldenWithEntropy() throws {
        let without = try Self.chunks(allowsEntropyCoding: false)
        let with = try Self.chunks(allowsEntropyCoding: true)
        for (i, (old, new)) in zip(without, with).enumerated() where old != new {
            #expect(new[4] == 3 && old[4] == 2, "case \(i)")
            #expect(new.count < old.count, "case \(i): \(new.count) bytes, \(old.count) without entropy")
        }
        #expect(with.contains { $0[4] == 3 })
        let actual = with.map(Self.fingerprint)
        #expect(actual == Self.recordedWithEntropy, "checksums now: \(actual.map { "0x" + String($0, radix: 16) })")
    }
}
