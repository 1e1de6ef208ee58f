import VintageColumnar
import VintageSystem

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

extension DurableFiles {
    #if os(Linux)
        /// Flushes every written file of the file system holding `path` to stable storage.
        static func syncFileSystem(containing path: String) throws(ProjectionFileError) {
            let fd: FileDescriptor
            do { fd = try .open(path, .readOnly, options: .closeOnExec) } catch {
                throw .io(path: path, operation: "open", reason: error.description)
            }
            defer { try? fd.close() }
            do { try fd.syncFileSystem() } catch { throw .io(path: path, operation: "syncfs", reason: error.description) }
        }
    #endif

    /// fsyncs the file at `path`, if it exists.
    static func syncFile(_ path: String) throws(ProjectionFileError) {
        guard let fd = try? FileDescriptor.open(path, .readOnly, options: .closeOnExec) else { return }
        defer { try? fd.close() }
        do { try fd.sync() } catch { throw .io(path: path, operation: "fsync", reason: error.description) }
    }

    /// Opens (creating if needed) the file at `path` for an advisory lock.
    package static func openLockFile(_ path: String) throws(ProjectionFileError) -> FileDescriptor {
        do { return try .open(path, .readWrite, options: [.create, .closeOnExec], permissions: 0o644) } catch {
            throw .io(path: path, operation: "open", reason: error.description)
        }
    }
}
