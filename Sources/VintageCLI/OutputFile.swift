#if canImport(Glibc)
import Glibc
#endif

/// A file a command writes (a chart), created or replaced whole.
enum OutputFile {
    /// Writes `bytes` to `path`, replacing it; `option` names where the path came from in
    /// the one-line error (e.g. `--svg`).
    static func write(_ bytes: [UInt8], to path: String, option: String) throws(UserError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw UserError("cannot write \(option) \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw UserError("cannot write \(option) \(path): \(String(cString: strerror(errno)))") }
            offset += n
        }
    }

    /// Checks that `path` can be written, creating it if it is missing.
    static func checkWritable(_ path: String, option: String) throws(UserError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw UserError("cannot write \(option) \(path): \(String(cString: strerror(errno)))") }
        close(fd)
    }
}
