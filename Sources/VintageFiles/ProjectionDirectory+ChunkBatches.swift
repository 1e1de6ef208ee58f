#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VintageColumnar

extension ProjectionDirectory {
    /// Writes `bytes` as a new immutable chunk file without syncing it, for writers that
    /// write many chunks and then make them durable at once with ``syncChunkFiles()``
    /// before committing the manifest that names them. A crash before that commit leaves
    /// only garbage, since no manifest names the file.
    public func writeUnsyncedChunk(_ bytes: [UInt8], summary: [UInt8] = []) throws(ProjectionFileError) -> ChunkReference {
        let checksum = CRC32C.checksum(bytes)
        while true {
            let name = DurableFiles.uniqueSuffix() + Self.chunkExtension
            if try DurableFiles.create(chunkPath(name), bytes: bytes, sync: false) {
                return ChunkReference(name: name, byteCount: bytes.count, checksum: checksum, summary: summary)
            }
        }
    }

    /// Makes every chunk file written so far durable: one `syncfs` of the file system on
    /// Linux (far cheaper than an fsync per file), an fsync of each file elsewhere.
    public func syncChunkFiles() throws(ProjectionFileError) {
        #if os(Linux)
        try DurableFiles.syncFileSystem(containing: chunksPath)
        #else
        for name in try DurableFiles.entries(of: chunksPath) ?? [] { try DurableFiles.syncFile(chunkPath(name)) }
        #endif
    }
}

#if os(Linux)
/// glibc's `syncfs(2)`, which Glibc's module map leaves out (it needs `_GNU_SOURCE`).
@_silgen_name("syncfs")
private func syncfs(_ fd: Int32) -> Int32
#endif

extension DurableFiles {
    #if os(Linux)
    /// Flushes every written file of the file system holding `path` to stable storage.
    static func syncFileSystem(containing path: String) throws(ProjectionFileError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, operation: "open", reason: reason()) }
        defer { close(fd) }
        guard syncfs(fd) == 0 else { throw .io(path: path, operation: "syncfs", reason: reason()) }
    }
    #endif

    /// fsyncs the file at `path`, if it exists.
    static func syncFile(_ path: String) throws(ProjectionFileError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .io(path: path, operation: "fsync", reason: reason()) }
    }

    /// Opens (creating if needed) the file at `path` for an advisory lock.
    package static func openLockFile(_ path: String) throws(ProjectionFileError) -> Int32 {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: path, operation: "open", reason: reason()) }
        return fd
    }
}
