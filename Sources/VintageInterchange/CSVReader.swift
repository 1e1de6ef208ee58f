#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads CSV records from a file (or standard input) in blocks, in constant memory: RFC 4180
/// quoting (quoted fields with doubled quotes and embedded line breaks), LF or CRLF line
/// ends, a UTF-8 byte order mark, and `,` `;` or tab separators (detected from the first
/// line unless the dialect names one).
///
/// A record's fields stay valid until the next call to ``next()``.
public final class CSVReader {
    /// The file read, as named in errors.
    public let file: String
    /// The field separator in use.
    public private(set) var delimiter: UInt8
    /// The 1-based line the current record starts on.
    public private(set) var recordLine = 0
    /// Bytes read from the file so far.
    public private(set) var bytesRead: Int64 = 0
    /// The file's size, or 0 when unknown (a pipe).
    public let fileSize: Int64

    private let fd: Int32
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var start = 0
    private var end = 0
    private var atEOF = false
    private var nextLine = 1
    /// The current record's field bytes, unquoted, back to back.
    private var fieldBytes: UnsafeMutablePointer<UInt8>
    private var fieldCapacity: Int
    /// Where each field of the current record ends in `fieldBytes`.
    private var fieldEnds: [Int] = []

    static let blockSize = 1 << 20

    /// Opens `path` (or standard input for `-`) for reading.
    public init(path: String, delimiter: UInt8? = nil) throws(InterchangeError) {
        file = path
        fd = path == "-" ? 0 : open(path, O_RDONLY)
        guard fd >= 0 else { throw InterchangeError(file: path, reason: "cannot read it: \(String(cString: strerror(errno)))") }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            if fd != 0 { close(fd) }
            throw InterchangeError(file: path, reason: "it is a directory")
        }
        fileSize = (info.st_mode & S_IFMT) == S_IFREG ? Int64(info.st_size) : 0
        capacity = CSVReader.blockSize * 2
        buffer = .allocate(capacity: capacity)
        fieldCapacity = 4096
        fieldBytes = .allocate(capacity: fieldCapacity)
        fieldEnds.reserveCapacity(64)
        self.delimiter = delimiter ?? UInt8(ascii: ",")
        try fill()
        if end - start >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
        if delimiter == nil { self.delimiter = detectDelimiter() }
    }

    deinit {
        if fd > 0 { close(fd) }
        buffer.deallocate()
        fieldBytes.deallocate()
    }

    /// The number of fields of the current record.
    public var count: Int { fieldEnds.count }

    /// The bytes of field `i` (0-based) of the current record, unquoted.
    public func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        let from = i == 0 ? 0 : fieldEnds[i - 1]
        return UnsafeBufferPointer(start: fieldBytes + from, count: fieldEnds[i] - from)
    }

    /// Field `i` of the current record as a string.
    public func string(_ i: Int) -> String { String(decoding: field(i), as: UTF8.self) }

    /// Every field of the current record as strings (for headers and error messages).
    public var strings: [String] { (0..<count).map(string) }

    /// Moves to the next record; false at the end of the file. Blank lines are skipped.
    public func next() throws(InterchangeError) -> Bool {
        while true {
            switch try parseRecord() {
            case .record:
                if fieldEnds.count == 1 && fieldEnds[0] == 0 { continue }  // a blank line
                return true
            case .end:
                return false
            }
        }
    }

    private enum Outcome { case record, end }

    /// Parses one record from the buffer, refilling it (and starting the record over) when
    /// the record runs past the bytes read so far.
    private func parseRecord() throws(InterchangeError) -> Outcome {
        while true {
            if start == end {
                if atEOF { return .end }
                try fill()
                continue
            }
            if let lines = try parseBuffered() {
                recordLine = nextLine
                nextLine += lines
                return .record
            }
            // The record is incomplete: read more and parse it again from its start.
            if atEOF {
                // The last record has no line end: a line break is implied.
                try appendLineFeed()
                continue
            }
            try fill()
        }
    }

    /// Parses one record from `buffer[start..<end]`; returns the number of line breaks it
    /// spans (so the next record's line), or nil when the buffer ends inside it.
    private func parseBuffered() throws(InterchangeError) -> Int? {
        // Work on locals: a class's stored properties are checked for exclusive access at
        // every use, which would cost more than the parsing itself.
        var ends: [Int] = []
        swap(&ends, &fieldEnds)
        ends.removeAll(keepingCapacity: true)
        defer { swap(&ends, &fieldEnds) }
        let end = self.end
        var out = 0
        var i = start
        var lines = 0
        let d = delimiter
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        if fieldCapacity < end - start { growFields(to: end - start) }
        let b = buffer, f = fieldBytes
        while true {
            // At the start of a field.
            guard i < end else { return nil }
            if b[i] == quote {
                i += 1
                while true {
                    guard i < end else { return nil }
                    let c = b[i]
                    if c == quote {
                        guard i + 1 < end else { return nil }
                        if b[i + 1] == quote { f[out] = quote; out += 1; i += 2; continue }
                        i += 1
                        break
                    }
                    if c == lf { lines += 1 }
                    f[out] = c
                    out += 1
                    i += 1
                }
                guard i < end else { return nil }
                let c = b[i]
                if c != d && c != lf && c != cr {
                    throw InterchangeError(
                        file: file, line: nextLine + lines, column: "\(ends.count + 1)",
                        reason: "text after a closing quote; a quote inside a quoted field is written twice (\"\")")
                }
            } else {
                while i < end {
                    let c = b[i]
                    if c == d || c == lf || c == cr { break }
                    f[out] = c
                    out += 1
                    i += 1
                }
                guard i < end else { return nil }
            }
            ends.append(out)
            let c = b[i]
            if c == d { i += 1; continue }
            if c == cr {
                guard i + 1 < end else { return nil }
                i += b[i + 1] == lf ? 2 : 1
            } else {
                i += 1
            }
            start = i
            return lines + 1
        }
    }

    /// Moves the unread bytes to the front of the buffer and reads a block after them.
    private func fill() throws(InterchangeError) {
        if start > 0 {
            if end > start { memmove(buffer, buffer + start, end - start) }
            end -= start
            start = 0
        }
        if capacity - end < CSVReader.blockSize { grow() }
        while true {
            let n = read(fd, buffer + end, CSVReader.blockSize)
            if n < 0 {
                if errno == EINTR { continue }
                throw InterchangeError(file: file, reason: "cannot read it: \(String(cString: strerror(errno)))")
            }
            if n == 0 { atEOF = true }
            end += n
            bytesRead += Int64(n)
            return
        }
    }

    /// Ends the file's last record, which has no line break of its own.
    private func appendLineFeed() throws(InterchangeError) {
        guard !addedFinalLineFeed else {
            throw InterchangeError(file: file, line: nextLine, reason: "a quoted field is not closed before the end of the file")
        }
        addedFinalLineFeed = true
        if end == capacity { grow() }
        buffer[end] = UInt8(ascii: "\n")
        end += 1
    }

    private var addedFinalLineFeed = false

    private func grow() {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        bigger.update(from: buffer, count: end)
        buffer.deallocate()
        buffer = bigger
        capacity *= 2
    }

    private func growFields(to needed: Int) {
        var size = fieldCapacity
        while size < needed { size *= 2 }
        fieldBytes.deallocate()
        fieldBytes = .allocate(capacity: size)
        fieldCapacity = size
    }

    /// The separator of the first line: whichever of `,` `;` and tab occurs most outside
    /// quotes (`,` when none does).
    private func detectDelimiter() -> UInt8 {
        var counts = (comma: 0, semicolon: 0, tab: 0)
        var inQuotes = false
        var i = start
        while i < end {
            let c = buffer[i]
            if c == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if !inQuotes {
                if c == UInt8(ascii: "\n") { break }
                if c == UInt8(ascii: ",") { counts.comma += 1 }
                if c == UInt8(ascii: ";") { counts.semicolon += 1 }
                if c == UInt8(ascii: "\t") { counts.tab += 1 }
            }
            i += 1
        }
        if counts.semicolon > counts.comma && counts.semicolon >= counts.tab { return UInt8(ascii: ";") }
        if counts.tab > counts.comma { return UInt8(ascii: "\t") }
        return UInt8(ascii: ",")
    }
}
