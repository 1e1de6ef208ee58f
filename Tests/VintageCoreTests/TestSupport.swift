@testable import VintageCore

/// Decodes input text (NDJSON or a JSON array) the way an append reads a file.
func decodeEvents(_ text: String) throws(EventInputError) -> [InputEvent] {
    try decodeEvents(bytes: Array(text.utf8))
}

/// Decodes input bytes (NDJSON or a JSON array) the way an append reads a file.
func decodeEvents(bytes: [UInt8]) throws(EventInputError) -> [InputEvent] {
    let result: Result<[InputEvent], EventInputError> = bytes.withUnsafeBufferPointer { buffer in
        do throws(EventInputError) { return .success(try NDJSONReader.events(in: buffer)) } catch { return .failure(error) }
    }
    return try result.get()
}

/// Decodes text holding exactly one event.
func decodeEvent(_ text: String) throws -> Event {
    let events = try decodeEvents(text)
    guard events.count == 1 else { throw UnexpectedEventCount(count: events.count) }
    return events[0].event
}

struct UnexpectedEventCount: Error { var count: Int }

/// The error an input is rejected with, or nil when it is accepted.
func rejection(of text: String) -> EventInputError? {
    do {
        _ = try decodeEvents(text)
        return nil
    } catch {
        return error
    }
}

/// Scans one JSON number with the event scanner.
func scanNumber(_ text: String) throws -> Double {
    var bytes = Array(text.utf8)
    return try bytes.withUnsafeMutableBufferPointer { buffer in
        var scanner = JSONScanner(UnsafeBufferPointer(buffer))
        let value = try scanner.readNumber()
        guard scanner.isAtEnd else { throw TrailingText(position: scanner.position) }
        return value
    }
}

/// Scans one JSON string value (quotes included) with the event scanner.
func scanString(_ json: [UInt8]) throws -> String {
    try json.withUnsafeBufferPointer { buffer in
        var scanner = JSONScanner(buffer)
        let value = try scanner.readString()
        guard scanner.isAtEnd else { throw TrailingText(position: scanner.position) }
        return value
    }
}

struct TrailingText: Error { var position: Int }

/// A timestamp from its ISO-8601 text; for expected values that are known to be valid.
func utc(_ text: String) -> Timestamp {
    do { return try Timestamp(iso8601: text) } catch { fatalError("bad test timestamp \(text): \(error)") }
}

/// Microseconds since the epoch of a UTC calendar time, computed without the parser.
func micros(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0, _ micro: Int64 = 0) -> Int64 {
    CivilDate(year: year, month: month, day: day).dayNumber * Timestamp.microsecondsPerDay
        + Int64(hour * 3600 + minute * 60 + second) * Timestamp.microsecondsPerSecond + micro
}

/// The canonical bytes of an event as text, for readable comparisons.
func canonicalText(_ event: Event) -> String {
    String(decoding: event.canonicalJSON, as: UTF8.self)
}
