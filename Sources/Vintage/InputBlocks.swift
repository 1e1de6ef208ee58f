import VintageSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An NDJSON input file (or standard input) read in line-aligned blocks, so that an append
/// holds a few blocks in memory, never the whole input. A line longer than
/// ``InputFile/maximumLineBytes`` is an error naming it.
final class InputBlocks {
    let path: String
    private let fd: FileDescriptor
    /// The input's size when it is a regular file (for progress), else 0.
    let totalBytes: Int
    /// Bytes read after the last line feed handed out.
    private var carry: [UInt8] = []
    private var atEnd = false
    private var first = true
    /// Line feeds in the blocks handed out so far.
    private var lineFeedsHanded = 0

    /// Opens `path` (standard input for `-`).
    init(path: String) throws(StoreError) {
        self.path = path
        do { fd = path == "-" ? .standardInput : try .open(path, .readOnly) } catch {
            throw StoreError.unreadableFile(path: path, reason: error.description)
        }
        let status = try? fd.status()
        if status?.kind == .directory {
            if fd != .standardInput { try? fd.close() }
            throw StoreError.unreadableFile(path: path, reason: "it is a directory")
        }
        totalBytes = status?.kind == .regular ? status!.size : 0
    }

    deinit { if fd != .standardInput { try? fd.close() } }

    /// Whether the input is a JSON array (its first character after a byte order mark and
    /// white space is `[`), which is parsed whole.
    func isArray() throws(StoreError) -> Bool {
        while !atEnd {
            let start = carry.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            if let c = carry[min(start, carry.count)...].first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) {
                return c == UInt8(ascii: "[")
            }
            guard try fill(&carry, wanting: 64 << 10) > 0 else { break }
        }
        return false
    }

    /// Everything not read yet (for a JSON array).
    func rest() throws(StoreError) -> [UInt8] {
        var all = carry
        carry = []
        while try fill(&all, wanting: 1 << 20) > 0 {}
        return all
    }

    /// The next block: about `size` bytes or more, ending after a line feed (or at the end of
    /// the input); nil when the input is done. A byte order mark at the start is dropped.
    func next(size: Int) throws(StoreError) -> [UInt8]? {
        var block = carry
        carry = []
        if first {
            first = false
            while block.count < 3 && !atEnd {
                if try fill(&block, wanting: 3 - block.count) == 0 { break }
            }
            if block.starts(with: [0xEF, 0xBB, 0xBF]) { block.removeFirst(3) }
        }
        var cut = Self.lastLineFeed(in: block, from: 0)
        while !atEnd && (cut == nil || block.count < size) {
            let searched = block.count
            if try fill(&block, wanting: max(size - block.count, 1 << 20)) == 0 { break }
            if let found = Self.lastLineFeed(in: block, from: searched) { cut = found }
            let lineStart = cut.map { $0 + 1 } ?? 0
            if block.count - lineStart > InputFile.maximumLineBytes {
                let line = lineFeedsHanded + Self.lineFeeds(in: block[0..<lineStart]) + 1
                throw StoreError.input(
                    EventInputError(
                        line: line, field: nil,
                        reason:
                            "longer than \(InputFile.maximumLineBytes >> 20) MiB (one event per line, each at most \(InputFile.maximumLineBytes >> 20) MiB); nothing was stored"
                    ))
            }
        }
        if !atEnd, let cut, cut + 1 < block.count {
            carry = Array(block[(cut + 1)...])
            block.removeSubrange((cut + 1)...)
        }
        guard !block.isEmpty else { return nil }
        lineFeedsHanded += Self.lineFeeds(in: block[...])
        return block
    }

    /// Reads up to `wanting` more bytes onto `bytes`; returns how many (0 at the end).
    private func fill(_ bytes: inout [UInt8], wanting: Int) throws(StoreError) -> Int {
        let old = bytes.count
        bytes.reserveCapacity(old + wanting)
        bytes.append(contentsOf: repeatElement(0, count: wanting))
        let read = bytes.withUnsafeMutableBytes { buffer in
            Result { () throws(Errno) in try fd.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[old...])) }
        }
        let n = (try? read.get()) ?? 0
        bytes.removeLast(wanting - n)
        if case .failure(let error) = read { throw StoreError.unreadableFile(path: path, reason: error.description) }
        if n == 0 { atEnd = true }
        return n
    }

    /// The offset of the last line feed in `bytes[from...]`.
    private static func lastLineFeed(in bytes: [UInt8], from: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            var i = buffer.count
            while i > from {
                i -= 1
                if buffer[i] == 10 { return i }
            }
            return nil
        }
    }

    /// The number of line feeds in `bytes`.
    private static func lineFeeds(in bytes: ArraySlice<UInt8>) -> Int {
        bytes.withUnsafeBytes { buffer in
            guard var p = buffer.baseAddress else { return 0 }
            let end = p + buffer.count
            var count = 0
            while p < end, let found = memchr(p, 10, end - p) {
                count += 1
                p = UnsafeRawPointer(found) + 1
            }
            return count
        }
    }
}
