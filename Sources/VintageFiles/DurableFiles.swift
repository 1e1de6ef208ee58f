#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX file operations the projection's crash safety rests on, each spelled out
/// as the system call it is (write, fsync, link, rename, fsync of a directory) and each
/// failure turned into a ``ProjectionFileError`` naming the file.
package enum DurableFiles {
    /// The system's message for the current `errno`.
    package static func reason() -> String { String(cString: strerror(errno)) }

    /// Creates the file `path`, which must not exist, writes `bytes` and fsyncs it.
    /// On failure the partial file is removed.
    static func createSynced(_ path: String, bytes: [UInt8]) throws(ProjectionFileError) {
        guard try create(path, bytes: bytes, sync: true) else {
            errno = EEXIST
            throw .io(path: path, operation: "create", reason: reason())
        }
    }

    /// Creates `path` with `bytes`, fsynced when `sync`; false (and nothing written) when
    /// the name is taken. On failure the partial file is removed.
    static func create(_ path: String, bytes: [UInt8], sync: Bool) throws(ProjectionFileError) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 {
            if errno == EEXIST { return false }
            throw .io(path: path, operation: "create", reason: reason())
        }
        do throws(ProjectionFileError) {
            try writeAll(fd, bytes, path: path)
            if sync, fsync(fd) != 0 { throw ProjectionFileError.io(path: path, operation: "fsync", reason: reason()) }
        } catch {
            close(fd)
            unlink(path)
            throw error
        }
        guard close(fd) == 0 else {
            let failure = reason()
            unlink(path)
            throw .io(path: path, operation: "close", reason: failure)
        }
        return true
    }

    /// Writes every byte of `bytes` to `fd`, retrying short writes and interruptions.
    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(ProjectionFileError) {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress! + written, buffer.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, operation: "write", reason: reason())
            }
            written += n
        }
    }

    /// The whole file at `path`; nil when it does not exist. When `expectedSize` is given and
    /// the file has another size, throws ``ProjectionFileError/chunkSizeMismatch(path:expected:found:)``
    /// without reading it.
    static func readFile(_ path: String, expectedSize: Int? = nil) throws(ProjectionFileError) -> [UInt8]? {
        guard let (fd, size) = try openRegularFile(path) else { return nil }
        defer { close(fd) }
        if let expectedSize, expectedSize != size {
            throw .chunkSizeMismatch(path: path, expected: expectedSize, found: size)
        }
        // Read into uninitialised memory: zeroing it first cost a page fault and a memset per
        // 4 KB page of a large manifest before read() wrote every byte anyway.
        var failure: ProjectionFileError?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var filled = 0
            while filled < size {
                let n = read(fd, buffer.baseAddress! + filled, size - filled)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = .io(path: path, operation: "read", reason: reason())
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
        defer { close(fd) }
        guard size >= offset + count else { throw .chunkSizeMismatch(path: path, expected: offset + count, found: size) }
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = bytes.withUnsafeMutableBytes { buffer in
                pread(fd, buffer.baseAddress! + filled, count - filled, off_t(offset + filled))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, operation: "read", reason: reason())
            }
            // A file that shrank while being read is reported as its new size.
            if n == 0 { throw .chunkSizeMismatch(path: path, expected: offset + count, found: offset + filled) }
            filled += n
        }
        return bytes
    }

    /// The file at `path` opened for reading, with its size; nil when it does not exist.
    /// Anything but a regular file is an error.
    private static func openRegularFile(_ path: String) throws(ProjectionFileError) -> (fd: Int32, size: Int)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw .io(path: path, operation: "open", reason: reason())
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let failure = reason()
            close(fd)
            throw .io(path: path, operation: "stat", reason: failure)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw .io(path: path, operation: "read", reason: "not a regular file")
        }
        return (fd, Int(info.st_size))
    }

    /// Makes the directory entries of `path` (files created, renamed or removed in it) durable.
    static func syncDirectory(_ path: String) throws(ProjectionFileError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, operation: "open directory", reason: reason()) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .io(path: path, operation: "fsync directory", reason: reason()) }
    }

    /// Creates the directory `path` unless it exists; returns whether it was created.
    @discardableResult
    static func makeDirectory(_ path: String) throws(ProjectionFileError) -> Bool {
        if mkdir(path, 0o755) == 0 { return true }
        // A directory one may not write (another user's, a read-only mount) may exist already.
        if errno == EEXIST || errno == EACCES || errno == EROFS, kind(of: path) == .directory { return false }
        throw .io(path: path, operation: "create directory", reason: errno == EEXIST ? "exists and is not a directory" : reason())
    }

    /// Gives the file `source` the additional name `destination` (a hard link); returns false
    /// when `destination` exists already, which is never overwritten.
    static func hardLink(_ source: String, _ destination: String) throws(ProjectionFileError) -> Bool {
        if link(source, destination) == 0 { return true }
        if errno == EEXIST { return false }
        throw .io(path: destination, operation: "link from \(source)", reason: reason())
    }

    /// Atomically renames `source` to `destination`, replacing a file of that name.
    static func renameReplacing(_ source: String, _ destination: String) throws(ProjectionFileError) {
        guard rename(source, destination) == 0 else {
            throw .io(path: destination, operation: "rename from \(source)", reason: reason())
        }
    }

    /// Removes the file `path`; a file that is already gone is no error.
    static func remove(_ path: String) throws(ProjectionFileError) {
        guard unlink(path) == 0 || errno == ENOENT else { throw .io(path: path, operation: "remove", reason: reason()) }
    }

    /// Removes the directory `path` and everything in it; a directory already gone is no error.
    static func removeTree(_ path: String) throws(ProjectionFileError) {
        guard let names = try entries(of: path) else { return }
        for name in names {
            let child = path + "/" + name
            if kind(of: child) == .directory { try removeTree(child) } else { try remove(child) }
        }
        guard rmdir(path) == 0 || errno == ENOENT else { throw .io(path: path, operation: "remove directory", reason: reason()) }
    }

    /// The names in the directory `path` (without `.` and `..`), sorted; nil when it does not exist.
    package static func entries(of path: String) throws(ProjectionFileError) -> [String]? {
        guard let dir = opendir(path) else {
            if errno == ENOENT { return nil }
            throw .io(path: path, operation: "list directory", reason: reason())
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// What is at a path.
    package enum Kind { case missing, file, directory, other }

    /// What is at `path`, not following a symbolic link.
    package static func kind(of path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// The size in bytes of the file at `path`.
    static func fileSize(_ path: String) throws(ProjectionFileError) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .io(path: path, operation: "stat", reason: reason()) }
        return Int(info.st_size)
    }

    /// The identity and link count of the file at `path`, or nil when it does not exist.
    static func identity(of path: String) -> (device: UInt64, inode: UInt64, links: Int)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (UInt64(info.st_dev), UInt64(info.st_ino), Int(info.st_nlink))
    }

    /// What changes whenever a file at `path` is replaced or rewritten: device, inode, size
    /// and change time; nil when there is no file.
    package static func version(of path: String) -> FileVersion? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let changed = Int64(info.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(info.st_ctimespec.tv_nsec)
        #else
        let changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        #endif
        return FileVersion(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size), changed: changed)
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
    package var size: Int64
    package var changed: Int64
}
