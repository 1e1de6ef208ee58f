import VintageSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few POSIX file operations the projection's crash safety rests on, each spelled out
/// as the system call it is (write, fsync, link, rename, fsync of a directory; made by
/// ``FileDescriptor``) and each failure turned into a ``ProjectionFileError`` naming the file.
package enum DurableFiles {
    /// Creates the file `path`, which must not exist, writes `bytes` and fsyncs it.
    /// On failure the partial file is removed.
    static func createSynced(_ path: String, bytes: [UInt8]) throws(ProjectionFileError) {
        guard try create(path, bytes: bytes, sync: true) else {
            throw .io(path: path, operation: "create", reason: Errno.fileExists.description)
        }
    }

    /// Creates `path` with `bytes`, fsynced when `sync`; false (and nothing written) when
    /// the name is taken. On failure the partial file is removed.
    static func create(_ path: String, bytes: [UInt8], sync: Bool) throws(ProjectionFileError) -> Bool {
        let fd: FileDescriptor
        do {
            fd = try .open(path, .writeOnly, options: [.create, .exclusiveCreate, .closeOnExec], permissions: 0o644)
        } catch {
            if error == .fileExists { return false }
            throw .io(path: path, operation: "create", reason: error.description)
        }
        do throws(ProjectionFileError) {
            do { try fd.writeAll(bytes) } catch { throw .io(path: path, operation: "write", reason: error.description) }
            if sync {
                do { try fd.sync() } catch { throw .io(path: path, operation: "fsync", reason: error.description) }
            }
        } catch {
            try? fd.close()
            try? FileDescriptor.remove(path)
            throw error
        }
        do { try fd.close() } catch {
            try? FileDescriptor.remove(path)
            throw .io(path: path, operation: "close", reason: error.description)
        }
        return true
    }

    /// The whole file at `path`; nil when it does not exist. When `expectedSize` is given and
    /// the file has another size, throws ``ProjectionFileError/chunkSizeMismatch(path:expected:found:)``
    /// without reading it.
    static func readFile(_ path: String, expectedSize: Int? = nil) throws(ProjectionFileError) -> [UInt8]? {
        guard let (fd, size) = try openRegularFile(path) else { return nil }
        defer { try? fd.close() }
        if let expectedSize, expectedSize != size {
            throw .chunkSizeMismatch(path: path, expected: expectedSize, found: size)
        }
        // Read into uninitialised memory: zeroing it first cost a page fault and a memset per
        // 4 KB page of a large manifest before read() wrote every byte anyway.
        var failure: ProjectionFileError?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var filled = 0
            while filled < size {
                let n: Int
                do throws(Errno) {
                    n = try fd.read(into: UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[filled..<size]))
                } catch {
                    failure = .io(path: path, operation: "read", reason: error.description)
                    break
                }
                if n == 0 { break }
                filled += n
            }
            initialized = filled
        }
        if let failure { throw failure }
        // A file that shrank while being read is reported as its new size.
        if bytes.count < size, let expectedSize {
            throw .chunkSizeMismatch(path: path, expected: expectedSize, found: bytes.count)
        }
        return bytes
    }

    /// The `count` bytes at `offset` in the file at `path`; nil when it does not exist. A
    /// file too short to hold them is ``ProjectionFileError/chunkSizeMismatch(path:expected:found:)``
    /// (expected: the least size that holds them).
    static func readRange(_ path: String, offset: Int, count: Int) throws(ProjectionFileError) -> [UInt8]? {
        guard let (fd, size) = try openRegularFile(path) else { return nil }
        defer { try? fd.close() }
        guard size >= offset + count else { throw .chunkSizeMismatch(path: path, expected: offset + count, found: size) }
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let read = bytes.withUnsafeMutableBytes { buffer in
                Result { () throws(Errno) in
                    try fd.read(fromAbsoluteOffset: offset + filled, into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
                }
            }
            let n: Int
            switch read {
            case .success(let count): n = count
            case .failure(let error): throw .io(path: path, operation: "read", reason: error.description)
            }
            // A file that shrank while being read is reported as its new size.
            if n == 0 { throw .chunkSizeMismatch(path: path, expected: offset + count, found: offset + filled) }
            filled += n
        }
        return bytes
    }

    /// The file at `path` opened for reading, with its size; nil when it does not exist.
    /// Anything but a regular file is an error.
    private static func openRegularFile(_ path: String) throws(ProjectionFileError) -> (fd: FileDescriptor, size: Int)? {
        let fd: FileDescriptor
        do { fd = try .open(path, .readOnly, options: .closeOnExec) } catch {
            if error == .noSuchFileOrDirectory { return nil }
            throw .io(path: path, operation: "open", reason: error.description)
        }
        let status: FileStatus
        do { status = try fd.status() } catch {
            try? fd.close()
            throw .io(path: path, operation: "stat", reason: error.description)
        }
        guard status.kind == .regular else {
            try? fd.close()
            throw .io(path: path, operation: "read", reason: "not a regular file")
        }
        return (fd, status.size)
    }

    /// Makes the directory entries of `path` (files created, renamed or removed in it) durable.
    static func syncDirectory(_ path: String) throws(ProjectionFileError) {
        let fd: FileDescriptor
        do { fd = try .open(path, .readOnly, options: [.directory, .closeOnExec]) } catch {
            throw .io(path: path, operation: "open directory", reason: error.description)
        }
        defer { try? fd.close() }
        do { try fd.sync() } catch { throw .io(path: path, operation: "fsync directory", reason: error.description) }
    }

    /// Creates the directory `path` unless it exists; returns whether it was created.
    @discardableResult
    static func makeDirectory(_ path: String) throws(ProjectionFileError) -> Bool {
        do { try FileDescriptor.makeDirectory(path, permissions: 0o755) } catch {
            // A directory one may not write (another user's, a read-only mount) may exist already.
            if error == .fileExists || error == .permissionDenied || error == .readOnlyFileSystem, kind(of: path) == .directory { return false }
            throw .io(path: path, operation: "create directory", reason: error == .fileExists ? "exists and is not a directory" : error.description)
        }
        return true
    }

    /// Gives the file `source` the additional name `destination` (a hard link); returns false
    /// when `destination` exists already, which is never overwritten.
    static func hardLink(_ source: String, _ destination: String) throws(ProjectionFileError) -> Bool {
        do { try FileDescriptor.link(source, destination) } catch {
            if error == .fileExists { return false }
            throw .io(path: destination, operation: "link from \(source)", reason: error.description)
        }
        return true
    }

    /// Atomically renames `source` to `destination`, replacing a file of that name.
    static func renameReplacing(_ source: String, _ destination: String) throws(ProjectionFileError) {
        do { try FileDescriptor.rename(source, destination) } catch {
            throw .io(path: destination, operation: "rename from \(source)", reason: error.description)
        }
    }

    /// Removes the file `path`; a file that is already gone is no error.
    static func remove(_ path: String) throws(ProjectionFileError) {
        do { try FileDescriptor.remove(path) } catch {
            guard error == .noSuchFileOrDirectory else { throw .io(path: path, operation: "remove", reason: error.description) }
        }
    }

    /// Removes the directory `path` and everything in it; a directory already gone is no error.
    static func removeTree(_ path: String) throws(ProjectionFileError) {
        guard let names = try entries(of: path) else { return }
        for name in names {
            let child = path + "/" + name
            if kind(of: child) == .directory { try removeTree(child) } else { try remove(child) }
        }
        do { try FileDescriptor.removeDirectory(path) } catch {
            guard error == .noSuchFileOrDirectory else { throw .io(path: path, operation: "remove directory", reason: error.description) }
        }
    }

    /// The names in the directory `path` (without `.` and `..`), sorted; nil when it does not exist.
    static func entries(of path: String) throws(ProjectionFileError) -> [String]? {
        do { return try FileDescriptor.entries(ofDirectory: path).sorted() } catch {
            if error == .noSuchFileOrDirectory { return nil }
            throw .io(path: path, operation: "list directory", reason: error.description)
        }
    }

    /// What is at a path.
    enum Kind { case missing, file, directory, other }

    /// What is at `path`, not following a symbolic link.
    static func kind(of path: String) -> Kind {
        guard let status = try? FileDescriptor.status(ofPath: path, followingLinks: false) else { return .missing }
        switch status.kind {
        case .regular: return .file
        case .directory: return .directory
        case .other: return .other
        }
    }

    /// The size in bytes of the file at `path`.
    static func fileSize(_ path: String) throws(ProjectionFileError) -> Int {
        do { return try FileDescriptor.status(ofPath: path).size } catch {
            throw .io(path: path, operation: "stat", reason: error.description)
        }
    }

    /// The identity and link count of the file at `path`, or nil when it does not exist.
    static func identity(of path: String) -> (device: UInt64, inode: UInt64, links: Int)? {
        guard let status = try? FileDescriptor.status(ofPath: path) else { return nil }
        return (status.device, status.inode, status.links)
    }

    /// What changes whenever a file at `path` is replaced or rewritten: device, inode, size
    /// and change time; nil when there is no file.
    package static func version(of path: String) -> FileVersion? {
        guard let status = try? FileDescriptor.status(ofPath: path) else { return nil }
        return FileVersion(device: status.device, inode: status.inode, size: Int64(status.size), changed: status.changed)
    }

    /// A random 64-bit name part as sixteen hexadecimal digits.
    static func uniqueSuffix() -> String {
        let digits = String(UInt64.random(in: .min ... .max), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The current time in microseconds since the Unix epoch.
    static func nowMicroseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1_000
    }
}

/// See ``DurableFiles/version(of:)``.
package struct FileVersion: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var changed: Int64
}
