import PropertyBased
import Testing
import VintageCore
import VintageTestSupport

@testable import VintageBatch

/// Decodes a batch and checks it gives back `events` exactly: canonical JSON byte for byte,
/// equal events and types, explicit ids where the input had them.
func expectRoundTrip(_ events: [PreparedEvent], _ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws {
    let batch = try bytes.withUnsafeBytes { try RecordBatch(decoding: $0) }
    #expect(batch.count == events.count, sourceLocation: sourceLocation)
    var seen = 0
    try batch.forEachCanonicalEvent { i, type, id, json in
        #expect(i == seen, sourceLocation: sourceLocation)
        seen += 1
        #expect(Array(json) == events[i].body, "event \(i): \(String(decoding: json, as: UTF8.self))", sourceLocation: sourceLocation)
        #expect(type == events[i].event.type, sourceLocation: sourceLocation)
        #expect(id == (events[i].idIsDerived ? nil : events[i].id), sourceLocation: sourceLocation)
    }
    #expect(seen == events.count, sourceLocation: sourceLocation)
    seen = 0
    try batch.forEachEvent { i, event, id in
        #expect(i == seen, sourceLocation: sourceLocation)
        seen += 1
        #expect(event == events[i].event, "event \(i)", sourceLocation: sourceLocation)
        #expect(event.canonicalJSON == events[i].body, sourceLocation: sourceLocation)
        #expect(id == (events[i].idIsDerived ? nil : events[i].id), sourceLocation: sourceLocation)
    }
    #expect(seen == events.count, sourceLocation: sourceLocation)
}

@Suite("Record batches round-trip")
struct RoundTripTests {
    @Test("random event streams come back exactly from the default codec")
    func randomStreams() async {
        await propertyCheck(count: 300, input: Events.stream) { events in
            recordingErrors { try expectRoundTrip(events, RecordBatchEncoder.encode(events)) }
        }
    }

    @Test("random event streams come back exactly from codec 1 (canonical JSON + LZ4)")
    func randomStreamsCodec1() async {
        await propertyCheck(count: 200, input: Events.stream) { events in
            let bytes = RecordBatchEncoder.encodeCanonicalJSON(events)
            #expect(bytes[5] == 1)
            recordingErrors { try expectRoundTrip(events, bytes) }
        }
    }
}
