import Testing
import VintageColumnar
import VintageCore

@testable import VintageFiles
@testable import VintageFolds
@testable import VintageProjection

/// A decoded manifest keeps its series section's bytes and decodes an entry when first asked
/// for; the series catalog likewise decodes one series' definitions for that series alone.
/// What they serve must be exactly what eager decoding served, and bytes that decoding
/// would refuse must still be refused when the manifest is read.
@Suite struct LazyManifestTests {
    static func id(_ i: Int) -> SeriesID { SeriesID(unchecked: "s.\(i)") }

    /// A manifest of `count` series, some with several chunks in shared segment files, a
    /// head in a file, and non-ASCII statuses.
    static func manifest(series count: Int) -> ProjectionManifest {
        var series: [SeriesID: ProjectionManifest.Series] = [:]
        for i in 0..<count {
            let chunks = (0..<(i % 4)).map { k in
                ChunkReference(
                    name: "seg-\(k % 2).vseg", byteCount: 100 + i, checksum: UInt32(i * 7 + k),
                    summary: [UInt8(i % 256), UInt8(k)], offset: i * 1000 + k)
            }
            let head: StoredBytes =
                i % 5 == 0
                ? .file(ChunkReference(name: "head-\(i).vhd", byteCount: 9, checksum: 3))
                : .inline(Array("head \(i)".utf8))
            series[id(i)] = .init(chunks: chunks, head: head, statuses: [nil, "final", i % 3 == 0 ? "révisé" : "p"])
        }
        return ProjectionManifest(
            logSeq: Int64(count), series: series, tables: ["t": ["a", nil]],
            attachments: ["x": .inline([1, 2, 3])])
    }

    @Test func oneEntryOfManyDecodesAsEagerDecodingDid() throws {
        let original = Self.manifest(series: 500)
        let decoded = try ProjectionManifest(decoding: original.encoded())
        #expect(decoded.series[Self.id(137)] == original.series[Self.id(137)])
        #expect(decoded.series[Self.id(135)] == original.series[Self.id(135)])
        #expect(decoded.series[SeriesID(unchecked: "absent")] == nil)
        #expect(decoded.series.count == 500)
        #expect(Set(decoded.series.keys) == Set(original.series.keys))
        #expect(decoded.series.dictionary == original.series.dictionary)
        #expect(decoded == original)
        #expect(decoded.encoded() == original.encoded())
        #expect(decoded.referencedFiles == original.referencedFiles)
    }

    @Test func entriesSetOrRemovedAfterDecodingReplaceTheBytes() throws {
        var expected = Self.manifest(series: 50)
        var decoded = try ProjectionManifest(decoding: expected.encoded())
        let replacement = ProjectionManifest.Series(chunks: [ChunkReference(name: "new.vch", byteCount: 1, checksum: 2)], statuses: [nil])
        for m in [0, 1] {
            func change(_ manifest: inout ProjectionManifest) {
                manifest.series[Self.id(3)] = replacement
                manifest.series[Self.id(4)] = nil
                manifest.series[Self.id(7)]!.statuses.append("later")
                manifest.series[SeriesID(unchecked: "added")] = replacement
            }
            if m == 0 { change(&expected) } else { change(&decoded) }
        }
        #expect(decoded.series.count == 50)
        #expect(decoded.series[Self.id(4)] == nil)
        #expect(!decoded.series.keys.contains(Self.id(4)))
        #expect(decoded.series[Self.id(3)] == replacement)
        #expect(decoded.series[Self.id(7)]!.statuses.last == "later")
        #expect(decoded == expected)
        #expect(decoded.encoded() == expected.encoded())
    }

    /// Replaces the first occurrence of `old` in a manifest's bytes by `new` (same length)
    /// and recomputes the checksum, so only the entry's own check can find it.
    static func patched(_ bytes: [UInt8], _ old: [UInt8], _ new: [UInt8]) -> [UInt8] {
        var bytes = bytes
        let at = (0...(bytes.count - old.count)).first { bytes[$0..<($0 + old.count)].elementsEqual(old) }!
        bytes.replaceSubrange(at..<(at + old.count), with: new)
        bytes.removeLast(4)
        let crc = CRC32C.checksum(bytes)
        for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: crc >> (8 * k))) }
        return bytes
    }

    @Test func aMalformedEntryWithAValidChecksumIsRefusedWhenTheManifestIsRead() throws {
        let bytes = Self.manifest(series: 40).encoded()
        // The checksum is recomputed, so the layout as written must match.
        #expect((try? ProjectionManifest(decoding: Self.patched(bytes, [], []))) != nil)
        let cases: [([UInt8], [UInt8])] = [
            (Array("révisé".utf8), [0x72, 0xFF, 0xFE, 0x76, 0x69, 0x73, 0x69, 0xFF]),  // invalid UTF-8 status
            (Array("seg-1.vseg".utf8), Array("SEG-1.vseg".utf8)),  // invalid chunk name
            (Array("head-5.vhd".utf8), Array("head/5.vhd".utf8))  // invalid head file name
        ]
        for (old, new) in cases {
            #expect(throws: ManifestError.self) { try ProjectionManifest(decoding: Self.patched(bytes, old, new)) }
        }
    }

    // MARK: Format 3: the series index

    /// The first byte offset where `pattern` starts in `bytes`, searching from the end.
    static func lastOffset(of pattern: [UInt8], in bytes: [UInt8]) -> Int {
        (0...(bytes.count - pattern.count)).last { bytes[$0..<($0 + pattern.count)].elementsEqual(pattern) }!
    }

    /// `bytes` with its checksum recomputed.
    static func resealed(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        bytes.removeLast(4)
        let crc = CRC32C.checksum(bytes)
        for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: crc >> (8 * k))) }
        return bytes
    }

    @Test func aDamagedEntryIsRefusedWhenReadAndTheOthersStillAnswer() throws {
        let original = Self.manifest(series: 40)
        var bytes = original.encoded()
        // s.13's entry: its id, then its chunk count (1); 127 chunks cannot fit in it.
        let at = Self.lastOffset(of: [4] + Array("s.13".utf8), in: bytes) + 5
        #expect(bytes[at] == 1)
        bytes[at] = 127
        bytes = Self.resealed(bytes)
        // Checking every entry (the default) refuses the manifest.
        #expect(throws: ManifestError.self) { try ProjectionManifest(decoding: bytes) }
        let lazy = try ProjectionManifest(decoding: bytes, checkingEveryEntry: false)
        #expect(throws: ManifestError.self) { try lazy.series.entry(Self.id(13)) }
        #expect(throws: ManifestError.self) { try lazy.series.checkEveryEntry() }
        for i in [0, 12, 14, 39] { #expect(try lazy.series.entry(Self.id(i)) == original.series[Self.id(i)]) }
        #expect(try lazy.series.entry(SeriesID(unchecked: "s.99")) == nil)
        #expect(lazy.series.count == 40)
        #expect(lazy.logSeq == original.logSeq && lazy.tables == original.tables && lazy.attachments == original.attachments)
    }

    @Test func everyEntryFoundThroughTheIndexIsTheOneEncoded() throws {
        // Ids of every length and byte order, so the binary search meets every comparison.
        let ids = ["a", "a.b", "a/b", "a:b", "a0", "a_", "a-", "b", "zz", "z", "0", "9.9", "m" + String(repeating: "x", count: 120)]
        var series: [SeriesID: ProjectionManifest.Series] = [:]
        for (k, text) in ids.enumerated() {
            series[SeriesID(unchecked: text)] = .init(chunks: [], head: .inline([UInt8(k)]), statuses: [nil, "\(k)"])
        }
        for count in [0, 1, 2, 3, ids.count] {
            let some = Dictionary(uniqueKeysWithValues: series.sorted { $0.key < $1.key }.prefix(count).map { ($0.key, $0.value) })
            let manifest = ProjectionManifest(logSeq: 3, series: some)
            let lazy = try ProjectionManifest(decoding: manifest.encoded(), checkingEveryEntry: false)
            for text in ids + ["", "a.", "zzz", "m"] {
                let id = SeriesID(unchecked: text)
                #expect(try lazy.series.entry(id) == some[id], "\(text) of \(count)")
            }
            #expect(Set(lazy.series.keys) == Set(some.keys))
            #expect(lazy == manifest)
        }
    }

    @Test func anIndexOutOfOrderOrPastTheEntriesIsDamage() throws {
        let manifest = ProjectionManifest(logSeq: 1, series: [SeriesID(unchecked: "b"): .init(), SeriesID(unchecked: "c"): .init()])
        let bytes = manifest.encoded()
        // The entries are the last bytes: "b"'s (1 b 0 0 0 0 0: id, no chunks, an empty inline
        // head, no statuses) then "c"'s; the index's two u32s before them.
        let entries = Self.lastOffset(of: [1, UInt8(ascii: "b"), 0, 0, 0, 0], in: bytes)
        #expect(Array(bytes[(entries - 8)..<entries]) == [0, 0, 0, 0, 6, 0, 0, 0])
        var swapped = bytes
        swapped[entries + 1] = UInt8(ascii: "d")  // "d" before "c"
        var past = bytes
        past[entries - 4] = 200  // the second entry starts past the end
        var notFirst = bytes
        notFirst[entries - 8] = 1  // the first entry does not start at the entries
        var invalid = bytes
        invalid[entries + 1] = UInt8(ascii: "B")  // not a valid series id
        for damaged in [swapped, past, notFirst, invalid] {
            #expect(throws: ManifestError.self) { try ProjectionManifest(decoding: Self.resealed(damaged), checkingEveryEntry: false) }
        }
    }

    @Test func theIndexsIDCheckAgreesWithSeriesIDsOnEveryByte() {
        for byte in UInt8.min...UInt8.max {
            for text in [[byte], [UInt8(ascii: "a"), byte, UInt8(ascii: "z")]] {
                text.withUnsafeBufferPointer { b in
                    #expect(ManifestSeriesIndex.isValidID(b) == (SeriesID.problem(in: b) == nil), "\(text)")
                }
            }
        }
        for length in [0, 1, 127, 128, 129] {
            [UInt8](repeating: UInt8(ascii: "x"), count: length).withUnsafeBufferPointer { b in
                #expect(ManifestSeriesIndex.isValidID(b) == (SeriesID.problem(in: b) == nil), "length \(length)")
            }
        }
    }

    @Test func aFormat2ManifestIsReadAndWrittenAgainAsFormat3() throws {
        let original = Self.manifest(series: 60)
        let old = original.encoded(formatVersion: 2)
        #expect(old[4] == 2 && original.encoded()[4] == 3)
        for checking in [true, false] {
            let decoded = try ProjectionManifest(decoding: old, checkingEveryEntry: checking)
            #expect(decoded.series[Self.id(17)] == original.series[Self.id(17)])
            #expect(decoded == original)
            #expect(decoded.encoded() == original.encoded())
        }
    }

    @Test func unchangedEntriesAreCopiedAndChangedOnesWrittenAfresh() throws {
        var expected = Self.manifest(series: 30)
        var decoded = try ProjectionManifest(decoding: expected.encoded(), checkingEveryEntry: false)
        for i in [0, 5, 29] {
            expected.series[Self.id(i)]!.statuses.append("x")
            decoded.series[Self.id(i)]!.statuses.append("x")
        }
        expected.series[Self.id(6)] = nil
        decoded.series[Self.id(6)] = nil
        #expect(decoded.series.count == 29 && expected.series.count == 29)
        #expect(decoded.encoded() == expected.encoded())
        #expect(try ProjectionManifest(decoding: decoded.encoded()) == expected)
    }

    // MARK: The correction index

    @Test func aDecodedCorrectionIndexAnswersAsTheOneEncodedAndGrowsAlike() throws {
        var original = CorrectionIndex()
        for k in 0..<50 { original.record(target: Int64(k % 7 + 1), by: Int64(100 + k)) }
        let bytes = original.encoded()
        var decoded = try CorrectionIndex(decoding: bytes)
        for seq in 0..<160 {
            #expect(decoded.latest(of: Int64(seq)) == original.latest(of: Int64(seq)))
            #expect(decoded.target(of: Int64(seq)) == original.target(of: Int64(seq)))
        }
        #expect(decoded == original && decoded.encoded() == bytes)
        original.record(target: 3, by: 200)
        decoded.record(target: 3, by: 200)
        #expect(decoded.latest(of: 3) == 200 && decoded.target(of: 200) == 3)
        #expect(decoded == original && decoded.encoded() == original.encoded())
        // Entries out of order of `by` (and a `by` recorded twice) answer as the tables did.
        var shuffled = CorrectionIndex()
        let pairs: [(Int64, Int64)] = [(1, 50), (2, 40), (3, 60), (4, 40), (1, 70), (5, 10)]
        for (target, by) in pairs { shuffled.record(target: target, by: by) }
        var shuffledDecoded = try CorrectionIndex(decoding: shuffled.encoded())
        for seq: Int64 in [0, 1, 2, 3, 5, 10, 40, 50, 60, 70, 80] {
            let expectedTarget = pairs.last { $0.1 == seq }?.0
            let expectedLatest = pairs.last { $0.0 == seq }?.1
            #expect(shuffled.target(of: seq) == expectedTarget && shuffledDecoded.target(of: seq) == expectedTarget, "target of \(seq)")
            #expect(shuffled.latest(of: seq) == expectedLatest && shuffledDecoded.latest(of: seq) == expectedLatest, "latest of \(seq)")
        }
        var twice = CorrectionIndex()
        for (target, by) in [(1, 5), (2, 5), (3, 9)] as [(Int64, Int64)] { twice.record(target: target, by: by) }
        let twiceDecoded = try CorrectionIndex(decoding: twice.encoded())
        #expect(twice.target(of: 5) == 2 && twiceDecoded.target(of: 5) == 2 && twiceDecoded.target(of: 9) == 3 && twiceDecoded.target(of: 6) == nil)
        #expect(throws: ManifestError.self) { try CorrectionIndex(decoding: Array(bytes.dropLast())) }
        #expect(throws: ManifestError.self) { try CorrectionIndex(decoding: bytes + [0]) }
    }

    // MARK: The series catalog

    static func catalog(series count: Int) -> SeriesCatalog {
        var catalog = SeriesCatalog()
        var seq: Int64 = 0
        for i in 0..<count {
            seq += 1
            catalog.define(
                SeriesDefinition(
                    series: id(i), name: "Series \(i)", unit: i % 2 == 0 ? "USD" : nil,
                    frequency: i % 3 == 0 ? .monthly : nil, tags: ["i": "\(i)", "país": "é"]),
                owner: seq, at: seq)
        }
        // Later definitions restating some series, one of them withdrawn again.
        for i in stride(from: 0, to: count, by: 7) {
            seq += 1
            catalog.define(SeriesDefinition(series: id(i), name: "Renamed \(i)"), owner: seq, at: seq)
            if i % 2 == 0 { catalog.withdraw(owner: seq, at: seq + 1) }
        }
        return catalog
    }

    @Test func oneSeriesMetadataMatchesTheWholeCatalogsAtEverySeq() throws {
        let original = Self.catalog(series: 100)
        let decoded = try SeriesCatalog(decoding: original.encoded())
        for atSeq in [nil, 1, 50, 101, 103, 110, 200] as [Int64?] {
            let all = original.metadata(atSeq: atSeq)
            for i in [0, 1, 7, 14, 21, 99] {
                #expect(decoded.metadata(of: Self.id(i), atSeq: atSeq) == all[Self.id(i)], "s.\(i) at \(String(describing: atSeq))")
            }
            #expect(decoded.metadata(of: SeriesID(unchecked: "absent"), atSeq: atSeq) == nil)
        }
        #expect(decoded == original)
        #expect(decoded.metadata() == original.metadata())
        #expect(decoded.encoded() == original.encoded())
        var changed = decoded
        changed.define(SeriesDefinition(series: Self.id(5), unit: "EUR"), owner: 999, at: 999)
        #expect(changed.metadata(of: Self.id(5))?.unit == "EUR")
        #expect(decoded.metadata(of: Self.id(5))?.unit == nil)
    }

    /// A catalog of ASCII text only (what ``SeriesCatalog/quickScan(_:)`` takes).
    static func asciiCatalog(series count: Int) -> SeriesCatalog {
        var catalog = SeriesCatalog()
        for i in 0..<count {
            catalog.define(
                SeriesDefinition(
                    series: id(i), name: i % 4 == 0 ? nil : "Series \(i)", unit: i % 2 == 0 ? "USD" : nil,
                    frequency: Frequency.allCases[i % Frequency.allCases.count],
                    tags: i % 5 == 0 ? nil : ["i": "\(i)", "group": "g\(i % 3)"]),
                owner: Int64(i + 1), at: Int64(i + 1))
        }
        catalog.define(SeriesDefinition(series: id(3), name: "Again"), owner: Int64(count + 1), at: Int64(count + 1))
        catalog.withdraw(owner: 1, at: Int64(count + 2))
        return catalog
    }

    @Test func theQuickScanAcceptsOnlyWhatTheFullCheckAcceptsAndFindsTheSameEntries() throws {
        let original = Self.asciiCatalog(series: 12)
        let bytes = original.encoded()
        let quick = try #require(SeriesCatalog.quickScan(bytes))
        #expect(quick.starts == (try SeriesCatalog.fullScan(bytes)))
        // Every byte changed in several ways: whatever the quick scan takes, the full check takes alike.
        var taken = 0
        for at in bytes.indices {
            for change: UInt8 in [0x01, 0x02, 0x7F, 0x80, 0xFF] {
                var damaged = bytes
                damaged[at] ^= change
                guard let scan = SeriesCatalog.quickScan(damaged) else { continue }
                taken += 1
                #expect(scan.starts == (try? SeriesCatalog.fullScan(damaged)), "byte \(at) ^ \(change)")
            }
            #expect(SeriesCatalog.quickScan(Array(bytes[..<at])) == nil, "prefix of \(at) bytes")
        }
        #expect(taken > 0)
        // Non-ASCII text is left to the full check.
        #expect(SeriesCatalog.quickScan(Self.catalog(series: 3).encoded()) == nil)
        // What a quickly scanned catalog serves is what the catalog served.
        let decoded = try SeriesCatalog(decoding: bytes)
        for atSeq in [nil, 1, 5, 13, 14, 100] as [Int64?] {
            for i in [0, 1, 3, 11] {
                #expect(
                    decoded.metadata(of: Self.id(i), atSeq: atSeq) == original.metadata(atSeq: atSeq)[Self.id(i)],
                    "s.\(i) at \(String(describing: atSeq))")
            }
            #expect(decoded.metadata(of: SeriesID(unchecked: "s.1x"), atSeq: atSeq) == nil)
        }
        #expect(decoded == original)
    }

    @Test func aMalformedCatalogIsRefusedWhenDecoded() throws {
        let bytes = Self.catalog(series: 20).encoded()
        func replacing(_ old: [UInt8], _ new: [UInt8]) -> [UInt8] {
            var b = bytes
            let at = (0...(b.count - old.count)).first { b[$0..<($0 + old.count)].elementsEqual(old) }!
            b.replaceSubrange(at..<(at + old.count), with: new)
            return b
        }
        #expect(throws: ManifestError.self) { try SeriesCatalog(decoding: replacing(Array("monthly".utf8), Array("montly!".utf8))) }
        #expect(throws: ManifestError.self) { try SeriesCatalog(decoding: replacing(Array("país".utf8), [0x70, 0x61, 0xFF, 0x73, 0x73])) }
        #expect(throws: ManifestError.self) { try SeriesCatalog(decoding: Array(bytes.dropLast())) }
    }
}
