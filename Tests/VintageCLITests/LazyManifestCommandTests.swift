import Foundation
import Testing

/// The manifest's series entries are decoded when a command first needs them. A damaged
/// entry of a series the command does not read is still found when the manifest is read by
/// the checksum over the whole file; one whose checksum was made to match (a writer's bug,
/// not a flipped bit) is found when its series is read, and by `verify`.
@Suite struct LazyManifestCommandTests {
    func makeStore() throws -> VintageProcess {
        let v = try VintageProcess()
        try v.write("events.ndjson", Sample.definitions + Sample.january)
        #expect(try v.run(["append", "events.ndjson"]).status == 0)
        return v
    }

    /// CRC-32C (Castagnoli), as the manifest's trailer.
    static func crc32c(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return ~crc
    }

    /// Changes the first occurrence of `old` in the MANIFEST (the series section comes
    /// first) to `new`, recomputing the checksum when `keepChecksum`.
    func damage(_ v: VintageProcess, _ old: String, _ new: String, keepChecksum: Bool) throws {
        let url = v.store.appendingPathComponent("projection/MANIFEST")
        var bytes = try [UInt8](Data(contentsOf: url))
        let o = Array(old.utf8), n = Array(new.utf8)
        let at = try #require((0...(bytes.count - o.count)).first { bytes[$0..<($0 + o.count)].elementsEqual(o) })
        bytes.replaceSubrange(at..<(at + o.count), with: n)
        if keepChecksum {
            bytes.removeLast(4)
            let crc = Self.crc32c(bytes)
            for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: crc >> (8 * k))) }
        }
        try Data(bytes).write(to: url)
    }

    @Test func aDamagedEntryOfAnotherSeriesFailsAQueryOfOneAndVerify() throws {
        for keepChecksum in [false] {
            let v = try makeStore()
            defer { v.remove() }
            #expect(try v.run(["query", "kr.exports.total"]).status == 0)
            // kr.exports.autos's entry comes before kr.exports.total's; "!" is in no series id.
            try damage(v, "kr.exports.autos", "kr.exports.aut!s", keepChecksum: keepChecksum)
            let query = try v.run(["query", "kr.exports.total"])
            #expect(query.status == 3, "checksum kept: \(keepChecksum)")
            #expect(query.stderr.contains("MANIFEST"))
            #expect(query.stderr.split(separator: "\n").count == 1)
            #expect(try v.run(["verify"]).status == 3)
            #expect(try v.run(["replay"]).status == 0)
            #expect(try v.run(["query", "kr.exports.total"]).stdout.contains("65800000000"))
        }
    }

    /// Sets the byte after the last occurrence of `id`'s length-prefixed bytes in the
    /// MANIFEST (in format 3 the series entries come last; the byte is the entry's chunk
    /// count) to 127, recomputing the checksum: only the entry's own check can find it.
    func damageEntry(_ v: VintageProcess, of id: String) throws {
        let url = v.store.appendingPathComponent("projection/MANIFEST")
        var bytes = try [UInt8](Data(contentsOf: url))
        let pattern = [UInt8(id.utf8.count)] + Array(id.utf8)
        let at = try #require((0...(bytes.count - pattern.count)).last { bytes[$0..<($0 + pattern.count)].elementsEqual(pattern) })
        bytes[at + pattern.count] = 127
        bytes.removeLast(4)
        let crc = Self.crc32c(bytes)
        for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: crc >> (8 * k))) }
        try Data(bytes).write(to: url)
    }

    @Test func aDamagedEntryFailsAQueryOfItsSeriesWithOneLineAndNotAQueryOfAnother() throws {
        let v = try makeStore()
        defer { v.remove() }
        let before = try v.run(["query", "kr.exports.autos"])
        #expect(before.status == 0)
        try damageEntry(v, of: "kr.exports.total")
        let query = try v.run(["query", "kr.exports.total"])
        #expect(query.status == 3)
        #expect(query.stderr.contains("kr.exports.total") && query.stderr.contains("MANIFEST"), "\(query.stderr)")
        #expect(query.stderr.split(separator: "\n").count == 1)
        #expect(try v.run(["query", "kr.exports.autos"]).stdout == before.stdout)
        #expect(try v.run(["verify"]).status == 3)
        #expect(try v.run(["replay"]).status == 0)
        #expect(try v.run(["query", "kr.exports.total"]).stdout.contains("65800000000"))
    }
}

/// The command line ends with `exit` without freeing the store, after closing its log.
@Suite struct CommandExitTests {
    @Test func aCommandLeavesNoWriteAheadLogBehind() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        try v.write("events.ndjson", Sample.definitions + Sample.january)
        #expect(try v.run(["append", "events.ndjson"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: v.store.appendingPathComponent("log.sqlite-wal").path))
        #expect(try v.run(["query", "kr.exports.total"]).stdout.contains("65800000000"))
        #expect(!FileManager.default.fileExists(atPath: v.store.appendingPathComponent("log.sqlite-wal").path))
    }
}
