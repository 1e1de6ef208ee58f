#if canImport(Glibc)
    import Glibc
#endif

/// The process's standard streams.
enum Terminal {
    /// Whether standard output is a terminal (tables and progress for people, CSV for pipes).
    static var stdoutIsTerminal: Bool { isatty(1) == 1 }
    /// Whether standard error is a terminal (progress bars go there).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }
    /// Whether standard input is a terminal.
    static var stdinIsTerminal: Bool { isatty(0) == 1 }

    /// Writes a line to standard error.
    static func writeError(_ line: String) {
        writeRaw(line.hasSuffix("\n") ? line : line + "\n")
    }

    /// Writes text to standard error as it is (no newline added).
    static func writeRaw(_ text: String) { write(2, Array(text.utf8)) }

    /// Writes every byte to file descriptor `fd` (gives up if it is closed).
    private static func write(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }

    /// Writes bytes to standard output, after whatever `print` has buffered.
    static func writeOut(_ bytes: [UInt8]) {
        fflush(nil)
        write(1, bytes)
    }

    /// Reports a failure on standard error (`vintage: <cause>`) and exits with `status`.
    static func fail(_ cause: String, status: Int32) -> Never {
        writeError("vintage: " + cause)
        exit(status)
    }
}
