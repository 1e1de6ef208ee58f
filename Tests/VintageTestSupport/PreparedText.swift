import VintageCore
import VintageFolds
import VintageProjection

/// The events of NDJSON text, prepared (with their given or derived ids), in order.
public func prepared(_ text: String) throws(EventInputError) -> [PreparedEvent] {
    let bytes = Array(text.utf8)
    return try bytes.withUnsafeBufferPointer { buffer throws(EventInputError) in try NDJSONReader.events(in: buffer) }.map(PreparedEvent.init)
}

/// Decodes NDJSON text into events logged at seq 1, 2, 3, … with their given or derived ids.
public func logged(_ text: String) throws(EventInputError) -> [SequencedEvent] {
    try prepared(text).enumerated().map { n, e in SequencedEvent(event: e.event, id: e.id, seq: Int64(n + 1)) }
}
