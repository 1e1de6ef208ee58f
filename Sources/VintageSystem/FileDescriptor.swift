#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open file: a thin value over a POSIX file descriptor, as swift-system's. With its
/// path operations (FileDescriptor+Paths.swift) it is where Vintage's file system calls are
/// made and where the Glibc/Darwin switch for them is written, once; every failure is an
/// ``Errno``. Closing is the owner's job (``close()``): the value does not close on its own.
package struct FileDescriptor: RawRepresentable, Hashable, Sendable {
    /// The C value.
    package let rawValue: Int32

    /// The descriptor `rawValue`.
    package init(rawValue: Int32) { self.rawValue = rawValue }

    /// Standard input.
    package static var standardInput: FileDescriptor { FileDescriptor(rawValue: 0) }

    /// How a file is opened.
    package enum AccessMode: Sendable {
        /// `O_RDONLY`.
        case readOnly
        /// `O_WRONLY`.
        case writeOnly
        /// `O_RDWR`.
        case readWrite
    }

    /// What else `open` does.
    package struct OpenOptions: OptionSet, Sendable {
        package let rawValue: Int32
        package init(rawValue: Int32) { self.rawValue = rawValue }

        /// `O_CREAT`: creates the file if there is none.
        package static var create: OpenOptions { OpenOptions(rawValue: O_CREAT) }
        /// `O_EXCL` (with ``create``): fails with ``Errno/fileExists`` if the name is taken.
        package static var exclusiveCreate: OpenOptions { OpenOptions(rawValue: O_EXCL) }
        /// `O_TRUNC`: empties an existing file.
        package static var truncate: OpenOptions { OpenOptions(rawValue: O_TRUNC) }
        /// `O_DIRECTORY`: fails unless the path is a directory.
        package static var directory: OpenOptions { OpenOptions(rawValue: O_DIRECTORY) }
        /// `O_CLOEXEC`: not inherited by a child process.
        package static var closeOnExec: OpenOptions { OpenOptions(rawValue: O_CLOEXEC) }
    }

    /// Opens the file at `path` (`open(2)`); a created file gets `permissions`.
    package static func open(
        _ path: String, _ mode: AccessMode, options: OpenOptions = [],
        permissions: UInt32 = 0o644
    ) throws(Errno) -> FileDescriptor {
        let access: Int32 =
            switch mode {
            case .readOnly: O_RDONLY
            case .writeOnly: O_WRONLY
            case .readWrite: O_RDWR
            }
        let fd =
            options.contains(.create)
            ? systemOpen(path, access | options.rawValue, mode_t(permissions))
            : systemOpen(path, access | options.rawValue)
        guard fd >= 0 else { throw .current }
        return FileDescriptor(rawValue: fd)
    }

    /// Closes it (`close(2)`).
    package func close() throws(Errno) {
        guard systemClose(rawValue) == 0 else { throw .current }
    }

    /// Reads into `buffer` (`read(2)`), retrying when interrupted; the bytes read, 0 at the end.
    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
        while true {
            let n = systemRead(rawValue, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno != EINTR { throw .current }
        }
    }

    /// Reads into `buffer` from `offset` in the file (`pread(2)`), retrying when interrupted;
    /// the bytes read, 0 at the end.
    package func read(fromAbsoluteOffset offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
        while true {
            let n = pread(rawValue, buffer.baseAddress, buffer.count, off_t(offset))
            if n >= 0 { return n }
            if errno != EINTR { throw .current }
        }
    }

    /// Writes every byte of `bytes` (`write(2)`), retrying short writes and interruptions.
    package func writeAll(_ bytes: [UInt8]) throws(Errno) {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { buffer in
                systemWrite(rawValue, buffer.baseAddress! + written, buffer.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .current
            }
            written += n
        }
    }

    /// Makes what was written to it durable (`fsync(2)`); for a directory, its entries.
    package func sync() throws(Errno) {
        guard fsync(rawValue) == 0 else { throw .current }
    }

    #if os(Linux)
        /// Makes every file written on its file system durable (`syncfs(2)`).
        package func syncFileSystem() throws(Errno) {
            guard syncfs(rawValue) == 0 else { throw .current }
        }
    #endif

    /// What `fstat(2)` says of it.
    package func status() throws(Errno) -> FileStatus {
        var info = stat()
        guard fstat(rawValue, &info) == 0 else { throw .current }
        return FileStatus(info)
    }

    /// Takes an exclusive advisory lock on it (`flock(2)`), held until ``unlock()``, its
    /// close or the process's end. While another process holds it, polls every 5 ms for up
    /// to `timeoutMilliseconds` (0: not at all), calling `whileWaiting` once before it
    /// waits; false when the time ran out.
    package func lockExclusive(timeoutMilliseconds: Int, whileWaiting: (() -> Void)? = nil) throws(Errno) -> Bool {
        var waited = 0
        var announced = false
        while flock(rawValue, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else { throw .current }
            guard waited < timeoutMilliseconds else { return false }
            if !announced {
                announced = true
                whileWaiting?()
            }
            usleep(5_000)
            waited += 5
        }
        return true
    }

    /// Releases the lock ``lockExclusive(timeoutMilliseconds:whileWaiting:)`` took.
    package func unlock() {
        flock(rawValue, LOCK_UN)
    }
}

// The C calls whose names the methods above take.
private func systemOpen(_ path: String, _ flags: Int32) -> Int32 { open(path, flags) }
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buffer, count) }
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }

#if os(Linux)
    /// glibc's `syncfs(2)`, which Glibc's module map leaves out (it needs `_GNU_SOURCE`).
    @_silgen_name("syncfs")
    private func syncfs(_ fd: Int32) -> Int32
#endif
