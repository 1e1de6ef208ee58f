#if canImport(Glibc)
    import Glibc
#endif

/// Standard output written through a fixed-size buffer, for output longer than memory.
///
/// When the reader goes away (a closed pipe, as in `vintage log | head -1`), there is no
/// one left to print for: the process exits at once with status 0 and no message, as
/// `rg` and `fd` do, instead of reading the rest of the store.
struct StandardOutput {
    /// Bytes gathered before each write to the file descriptor.
    static let bufferSize = 1 << 16

    private var buffer: [UInt8] = []

    init() {
        // A closed pipe then shows as EPIPE from write(2), handled below, rather than as a
        // SIGPIPE that kills the process whatever it is doing.
        signal(SIGPIPE, SIG_IGN)
        // Whatever `print` buffered goes first.
        fflush(nil)
        buffer.reserveCapacity(Self.bufferSize)
    }

    /// Appends bytes, writing the buffer out when it is full.
    mutating func write(_ bytes: [UInt8]) {
        buffer += bytes
        if buffer.count >= Self.bufferSize { flush() }
    }

    /// Lets `body` append to the buffer directly, then writes it out when it is full.
    mutating func withBuffer(_ body: (inout [UInt8]) -> Void) {
        body(&buffer)
        if buffer.count >= Self.bufferSize { flush() }
    }

    /// Writes out everything buffered.
    mutating func flush() {
        var offset = 0
        while offset < buffer.count {
            let n = buffer[offset...].withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && errno == EPIPE { exit(0) }
            if n <= 0 { Terminal.fail("cannot write to standard output: \(String(cString: strerror(errno)))", status: 1) }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
