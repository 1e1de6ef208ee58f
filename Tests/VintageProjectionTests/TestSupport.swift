import VintageCore
import VintageProjection
import VintageFolds

/// One event as logged: seq, id and content.
struct LoggedEvent: Sendable {
    var seq: Int64
    var id: EventID
    var event: Event
}

/// Decodes NDJSON text into events logged at seq 1, 2, 3, … with their given or derived ids.
func logged(_ text: String) throws -> [LoggedEvent] {
    let bytes = Array(text.utf8)
    let inputs: Result<[InputEvent], EventInputError> = bytes.withUnsafeBufferPointer { buffer in
        do throws(EventInputError) { return .success(try NDJSONReader.events(in: buffer)) } catch { return .failure(error) }
    }
    return try inputs.get().enumerated().map { n, input in
        let prepared = PreparedEvent(input)
        return LoggedEvent(seq: Int64(n + 1), id: prepared.id, event: prepared.event)
    }
}

/// The fold of NDJSON text logged from seq 1.
func fold(_ text: String) throws -> VintageFold {
    var fold = VintageFold()
    for e in try logged(text) { fold.apply(e.event, id: e.id, seq: e.seq) }
    return fold
}

/// UTC microseconds of an ISO-8601 timestamp or date known to be valid.
func t(_ text: String) -> Int64 {
    do { return try Timestamp(iso8601: text).microseconds } catch { fatalError("bad test timestamp \(text): \(error)") }
}

/// UTC microseconds of the start of a period known to be valid.
func p(_ text: String) -> Int64 {
    do { return try Period(text).start.microseconds } catch { fatalError("bad test period \(text): \(error)") }
}

/// A series id known to be valid.
func s(_ text: String) -> SeriesID { SeriesID(unchecked: text) }

/// A compact, readable form of points for expectations: `period-start:value@seq`.
func brief(_ points: [VintagePoint]) -> [String] {
    points.map { "\($0.validTime == 0 ? "0" : Timestamp(microseconds: $0.validTime).iso8601.prefix(10)):\($0.value)@\($0.seq)" }
}
