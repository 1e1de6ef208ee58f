#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where an export writes: bytes gathered in a buffer and written to a file descriptor in
/// large blocks (or kept, for tests), so that an export of any size uses constant memory.
public final class OutputSink {
    private let fd: Int32?
    /// Everything written, when the sink keeps its bytes instead of writing them.
    public private(set) var kept: [UInt8] = []
    private var buffer: [UInt8] = []

    /// A sink writing to a file descriptor (1 for standard output).
    public init(fileDescriptor: Int32) {
        fd = fileDescriptor
        buffer.reserveCapacity(1 << 16)
    }

    /// A sink keeping what is written in ``kept``.
    public init() { fd = nil }

    /// Appends bytes.
    @inline(__always)
    func write(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Appends text.
    func write(_ text: String) { write(text.utf8) }

    /// Writes out what is buffered.
    public func flush() {
        guard let fd else {
            kept.append(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
            return
        }
        var offset = 0
        while offset < buffer.count {
            let n = buffer[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}
