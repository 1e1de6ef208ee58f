#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A system call's error number (`errno`), as the calls of ``FileDescriptor`` throw it.
package struct Errno: Error, RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The C value.
    package let rawValue: Int32

    /// The error number `rawValue`.
    package init(rawValue: Int32) { self.rawValue = rawValue }

    /// The calling thread's `errno` now.
    package static var current: Errno { Errno(rawValue: errno) }

    /// `ENOENT`: no such file or directory.
    package static var noSuchFileOrDirectory: Errno { Errno(rawValue: ENOENT) }
    /// `EEXIST`: the name is taken.
    package static var fileExists: Errno { Errno(rawValue: EEXIST) }
    /// `EINTR`: a signal interrupted the call.
    package static var interrupted: Errno { Errno(rawValue: EINTR) }
    /// `EWOULDBLOCK`: the call would have had to wait.
    package static var wouldBlock: Errno { Errno(rawValue: EWOULDBLOCK) }
    /// `ENOTDIR`: a part of the path is not a directory.
    package static var notADirectory: Errno { Errno(rawValue: ENOTDIR) }
    /// `EACCES`: permission denied.
    package static var permissionDenied: Errno { Errno(rawValue: EACCES) }
    /// `EROFS`: a read-only file system.
    package static var readOnlyFileSystem: Errno { Errno(rawValue: EROFS) }

    /// The system's message for it (`strerror`).
    package var description: String { String(cString: strerror(rawValue)) }
}
