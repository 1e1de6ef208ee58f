import VintageSystem

/// Reads whole input files (or standard input) into memory, with errors that name the file.
enum InputFile {
    /// The longest input line accepted (one event, or a JSON array written on one line):
    /// 64 MiB. A longer line is an error naming it, found while reading, so that an endless
    /// input without line breaks (`/dev/zero`) cannot fill the memory.
    static let maximumLineBytes = 64 << 20

    /// The bytes of the file at `path`, or of standard input when `path` is `-`.
    static func read(_ path: String) throws(StoreError) -> [UInt8] {
        let fd: FileDescriptor
        do { fd = path == "-" ? .standardInput : try .open(path, .readOnly) } catch {
            throw StoreError.unreadableFile(path: path, reason: error.description)
        }
        defer { if fd != .standardInput { try? fd.close() } }
        let status = try? fd.status()
        if status?.kind == .directory {
            throw StoreError.unreadableFile(path: path, reason: "it is a directory")
        }
        var bytes = [UInt8]()
        let hint = status?.kind == .regular ? status!.size : 0
        bytes.reserveCapacity(hint + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var lineStart = 0
        while true {
            let read = chunk.withUnsafeMutableBytes { buffer in Result { () throws(Errno) in try fd.read(into: buffer) } }
            let n: Int
            switch read {
            case .success(let count): n = count
            case .failure(let error): throw StoreError.unreadableFile(path: path, reason: error.description)
            }
            if n == 0 { break }
            if let lastBreak = lastLineFeed(in: chunk, count: n) { lineStart = bytes.count + lastBreak + 1 }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count - lineStart > maximumLineBytes {
                let line = bytes[0..<lineStart].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
                throw StoreError.input(
                    EventInputError(
                        line: line, field: nil,
                        reason:
                            "longer than \(maximumLineBytes >> 20) MiB (one event per line, each at most \(maximumLineBytes >> 20) MiB); nothing was stored"
                    ))
            }
        }
        return bytes
    }

    /// Whether `path` names a regular file (following links).
    static func isRegularFile(_ path: String) -> Bool {
        (try? FileDescriptor.status(ofPath: path))?.kind == .regular
    }

    /// The offset of the last line feed among the first `count` bytes of `bytes`.
    private static func lastLineFeed(in bytes: [UInt8], count: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            var i = count
            while i > 0 {
                i -= 1
                if buffer[i] == 10 { return i }
            }
            return nil
        }
    }
}
