#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads events from input text: NDJSON (one object per line, blank lines skipped) or a
/// JSON array of objects. Every error names the 1-based line the event starts on.
public enum NDJSONReader {
    /// A line-aligned piece of NDJSON input, so that pieces can be decoded in parallel.
    public struct Piece: Sendable {
        /// Byte range of the piece within the input.
        public var range: Range<Int>
        /// The line number of the piece's first byte.
        public var firstLine: Int

        /// Creates a piece.
        public init(range: Range<Int>, firstLine: Int) {
            self.range = range
            self.firstLine = firstLine
        }
    }

    /// Whether the input is a JSON array (its first non-blank byte is `[`).
    public static func isArray(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var s = JSONScanner(text, position: bomLength(text))
        return s.peek() == UInt8(ascii: "[")
    }

    /// Decodes all events of the input, NDJSON or array.
    public static func events(in text: UnsafeBufferPointer<UInt8>) throws(EventInputError) -> [InputEvent] {
        if isArray(text) { return try arrayEvents(in: text) }
        return try events(in: text, piece: Piece(range: bomLength(text)..<text.count, firstLine: 1))
    }

    /// Splits NDJSON input into about `count` pieces at line boundaries.
    public static func pieces(of text: UnsafeBufferPointer<UInt8>, count: Int) -> [Piece] {
        let start = bomLength(text)
        let size = max(1, (text.count - start) / max(1, count))
        var pieces: [Piece] = []
        var begin = start
        var line = 1
        while begin < text.count {
            var end = min(text.count, begin + size)
            while end < text.count, text[end - 1] != 0x0A { end += 1 }
            pieces.append(Piece(range: begin..<end, firstLine: line))
            for i in begin..<end where text[i] == 0x0A { line += 1 }
            begin = end
        }
        return pieces
    }

    /// Splits NDJSON input at line boundaries into byte ranges of about `size(i)` bytes for
    /// the `i`-th range, without counting lines (so that splitting costs almost nothing).
    public static func lineAlignedRanges(of text: UnsafeBufferPointer<UInt8>, size: (Int) -> Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var begin = bomLength(text)
        while begin < text.count {
            var end = min(text.count, begin + max(1, size(ranges.count)))
            while end < text.count, text[end - 1] != 0x0A { end += 1 }
            ranges.append(begin..<end)
            begin = end
        }
        return ranges
    }

    /// The number of line feeds in a range of the input.
    public static func lineFeeds(in text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        guard let base = text.baseAddress else { return 0 }
        var count = 0
        var p = range.lowerBound
        while p < range.upperBound {
            p = nextLineFeed(base, from: p, end: range.upperBound) + 1
            if p <= range.upperBound { count += 1 }
        }
        return count
    }

    /// The offset of the first line feed in `base[from..<end]`, or `end` when there is none.
    @inline(__always)
    private static func nextLineFeed(_ base: UnsafePointer<UInt8>, from: Int, end: Int) -> Int {
        guard from < end, let found = memchr(base + from, 0x0A, end - from) else { return end }
        return UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
    }

    /// Decodes the NDJSON events of one piece.
    public static func events(in text: UnsafeBufferPointer<UInt8>, piece: Piece) throws(EventInputError) -> [InputEvent] {
        try decode(text, piece) { line, id, event, _, _ in InputEvent(line: line, id: id, event: event) }
    }

    /// Decodes and prepares (``PreparedEvent``) the NDJSON events of one piece, without an
    /// intermediate array of input events.
    public static func preparedEvents(in text: UnsafeBufferPointer<UInt8>, piece: Piece) throws(EventInputError) -> [PreparedEvent] {
        try decode(text, piece) { line, id, event, observationsJSON, lineText in
            if let observationsJSON { return PreparedEvent(line: line, id: id, event: event, observationsJSON: observationsJSON) }
            if case .observation(let o) = event, o.isCanonicalText(lineText) {
                return PreparedEvent(line: line, id: id, event: event, body: Array(lineText))
            }
            return PreparedEvent(line: line, id: id, event: event)
        }
    }

    /// Decodes the NDJSON events of one piece into what `make` makes of each (given, for a
    /// release, the pieces of text that make its `observations` array's canonical JSON, when
    /// it is written so, and the event's line).
    private static func decode<T>(
        _ text: UnsafeBufferPointer<UInt8>, _ piece: Piece,
        _ make: (Int, consuming EventID?, consuming Event, [UnsafeBufferPointer<UInt8>]?, UnsafeBufferPointer<UInt8>) -> T
    ) throws(EventInputError) -> [T] {
        guard let base = text.baseAddress else { return [] }
        let recentPeriods = RecentPeriods()
        var result: [T] = []
        result.reserveCapacity(piece.range.count / 128)
        var lineStart = piece.range.lowerBound
        var line = piece.firstLine
        let end = piece.range.upperBound
        while lineStart < end {
            let lineEnd = nextLineFeed(base, from: lineStart, end: end)
            let lineText = UnsafeBufferPointer(rebasing: text[lineStart..<lineEnd])
            var s = JSONScanner(lineText)
            if s.peek() != nil {
                var observations: [Range<Int>]?
                let (id, event) = try decodeParts(&s, line: line, canonicalObservations: &observations, recentPeriods: recentPeriods)
                if s.peek() != nil {
                    throw EventInputError(
                        line: line, field: nil,
                        reason: "malformed JSON at column \(s.position + 1): unexpected text after the event (one event per line)")
                }
                result.append(make(line, id, event, observations.map { $0.map { UnsafeBufferPointer(rebasing: lineText[$0]) } }, lineText))
            }
            lineStart = lineEnd + 1
            line += 1
        }
        return result
    }

    private static func arrayEvents(in text: UnsafeBufferPointer<UInt8>) throws(EventInputError) -> [InputEvent] {
        var s = JSONScanner(text, position: bomLength(text))
        var result: [InputEvent] = []
        var line = 1
        var counted = 0
        func lineAt(_ offset: Int) -> Int {
            while counted < offset { if text[counted] == 0x0A { line += 1 }; counted += 1 }
            return line
        }
        _ = s.consume(UInt8(ascii: "["))
        if !s.consume(UInt8(ascii: "]")) {
            repeat {
                _ = s.peek()
                result.append(try decodeOne(&s, line: lineAt(s.position)))
            } while s.consume(UInt8(ascii: ","))
            guard s.consume(UInt8(ascii: "]")) else {
                throw EventInputError(line: lineAt(s.position), field: nil, reason: "malformed JSON: expected ',' or ']' between events of the array")
            }
        }
        if s.peek() != nil {
            throw EventInputError(line: lineAt(s.position), field: nil, reason: "malformed JSON: unexpected text after the array")
        }
        return result
    }

    static func decodeOne(_ s: inout JSONScanner, line: Int) throws(EventInputError) -> InputEvent {
        var observations: [Range<Int>]?
        let (id, event) = try decodeParts(&s, line: line, canonicalObservations: &observations)
        return InputEvent(line: line, id: id, event: event)
    }

    /// The id (if given) and the event of the object at the scanner.
    private static func decodeParts(
        _ s: inout JSONScanner, line: Int, canonicalObservations: inout [Range<Int>]?, recentPeriods: RecentPeriods? = nil
    ) throws(EventInputError) -> (EventID?, Event) {
        do {
            return try EventDecoder.decodeEvent(&s, canonicalObservations: &canonicalObservations, recentPeriods: recentPeriods)
        } catch let e as EventDecoder.FieldError {
            throw EventInputError(line: line, field: e.field, reason: e.reason)
        } catch let e as JSONScanner.SyntaxError {
            throw EventInputError(line: line, field: nil, reason: "malformed JSON at column \(column(of: e.offset, in: s.text) ): \(e.reason)")
        } catch {
            throw EventInputError(line: line, field: nil, reason: "\(error)")
        }
    }

    private static func column(of offset: Int, in text: UnsafeBufferPointer<UInt8>) -> Int {
        var start = min(offset, text.count)
        while start > 0, text[start - 1] != 0x0A { start -= 1 }
        return offset - start + 1
    }

    private static func bomLength(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        text.count >= 3 && text[0] == 0xEF && text[1] == 0xBB && text[2] == 0xBF ? 3 : 0
    }
}

extension Event {
    /// Decodes an event from its canonical JSON (as stored in the log).
    public init(canonicalJSON bytes: [UInt8]) throws(EventInputError) {
        // One object, decoded directly: no line splitting and no intermediate array.
        let decoded: Result<Event, EventInputError> = bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            do throws(EventInputError) {
                let event = try NDJSONReader.decodeOne(&scanner, line: 1).event
                guard scanner.peek() == nil else {
                    return .failure(EventInputError(line: 1, field: nil, reason: "unexpected text after the event"))
                }
                return .success(event)
            } catch { return .failure(error) }
        }
        self = try decoded.get()
    }
}
