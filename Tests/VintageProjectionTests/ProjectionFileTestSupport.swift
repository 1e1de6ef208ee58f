import VintageColumnar
import VintageCore
import VintageFiles
import VintageProjection

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Replaces the file at `path` with `bytes`, as damage or a crashed writer would leave it.
func overwriteFile(_ path: String, with bytes: [UInt8]) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    precondition(fd >= 0, "cannot write \(path)")
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
}

/// Whether something exists at `path`.
func exists(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0
}

/// The inode number and link count of the file at `path`.
func inodeAndLinks(_ path: String) -> (inode: UInt64, links: Int)? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return (UInt64(info.st_ino), Int(info.st_nlink))
}

/// Deterministic test bytes: `count` bytes derived from `seed`.
func sampleBytes(_ count: Int, seed: UInt8) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed) &* 7) }
}

/// A manifest at `logSeq` whose series `id` holds `chunks`, with a small inline head.
func manifest(logSeq: Int64, _ id: String = "kr.exports.total", chunks: [ChunkReference]) -> ProjectionManifest {
    ProjectionManifest(
        logSeq: logSeq,
        series: [SeriesID(unchecked: id): .init(chunks: chunks, head: .inline([1, 2, 3]), statuses: [nil, "preliminary"])])
}

/// A manifest exercising every field: several series, both kinds of head, status tables
/// with absent entries, store-wide tables and attachments.
func richManifest() -> ProjectionManifest {
    let a = ChunkReference(name: "00aa.vtch", byteCount: 4096, checksum: 0xDEAD_BEEF, summary: [9, 8, 7])
    let b = ChunkReference(name: "00bb.vtch", byteCount: 0, checksum: 0)
    let head = ChunkReference(name: "00cc.vtch", byteCount: 12, checksum: 42)
    let inSegment = ChunkReference(name: "00dd.vseg", byteCount: 300, checksum: 7, summary: [1], offset: 0)
    let laterInSegment = ChunkReference(name: "00dd.vseg", byteCount: 200, checksum: 8, summary: [2], offset: 300)
    return ProjectionManifest(
        logSeq: 1_234_567_890_123,
        series: [
            SeriesID(unchecked: "kr.exports.total"): .init(chunks: [a, b], head: .inline([1, 2, 3]), statuses: [nil, "preliminary", "final"]),
            SeriesID(unchecked: "kr.imports.total"): .init(chunks: [inSegment, laterInSegment], head: .inline([]), statuses: [nil]),
            SeriesID(unchecked: "us.tariff.kr"): .init(chunks: [], head: .file(head), statuses: []),
            SeriesID(unchecked: "kr.exports.semiconductors"): .init()
        ],
        tables: ["sources": ["MOTIE", nil, "US President ✓"], "empty": []],
        attachments: ["catalog": .inline(Array("{\"x\":1}".utf8)), "announcements": .file(a)])
}

/// The manifest bytes with the format version field set to `version` and the checksum redone.
func withFormatVersion(_ version: UInt32, _ bytes: [UInt8]) -> [UInt8] {
    var patched = bytes
    for i in 0..<4 { patched[4 + i] = UInt8(truncatingIfNeeded: version >> (8 * UInt32(i))) }
    let crc = patched.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<(patched.count - 4)])) }
    for i in 0..<4 { patched[patched.count - 4 + i] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(i))) }
    return patched
}

/// The CRC-32C of `bytes`.
func crc32cOf(_ bytes: [UInt8]) -> UInt32 { CRC32C.checksum(bytes) }
