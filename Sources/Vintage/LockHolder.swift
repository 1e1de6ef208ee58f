#if canImport(Glibc)
    import Glibc
#endif

/// Who holds a lock on a file, as far as the system says: Linux lists every file lock in
/// `/proc/locks` with its holder's pid. Elsewhere the holder is unknown.
enum LockHolder {
    /// The pid of another process holding a write lock on `path` — covering `byte` for a
    /// byte-range (POSIX) lock, any for a whole-file (`flock`) one — or nil when none is
    /// listed or the system does not say.
    static func process(holdingWriteLockOn path: String, byte: Int64? = nil) -> Int32? {
        var info = stat()
        guard stat(path, &info) == 0, let file = fopen("/proc/locks", "r") else { return nil }
        defer { fclose(file) }
        let dev = UInt64(info.st_dev)
        let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfff)
        let minor = (dev & 0xff) | ((dev >> 12) & ~0xff)
        let me = getpid()
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            // "1: POSIX  ADVISORY  WRITE 4242 fe:00:16253185 120 120"; waiters show "->".
            let fields = String(cString: line).split(whereSeparator: { $0 == " " || $0 == "\n" })
            guard fields.count == 8, fields[3] == "WRITE", let pid = Int32(fields[4]), pid != me else { continue }
            let device = fields[5].split(separator: ":")
            guard device.count == 3, UInt64(device[0], radix: 16) == major, UInt64(device[1], radix: 16) == minor,
                UInt64(device[2]) == UInt64(info.st_ino)
            else { continue }
            if let byte {
                guard let start = Int64(fields[6]), start <= byte, fields[7] == "EOF" || (Int64(fields[7]) ?? -1) >= byte else { continue }
            }
            return pid
        }
        return nil
    }
}
