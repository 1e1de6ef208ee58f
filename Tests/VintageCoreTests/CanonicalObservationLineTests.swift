import PropertyBased
import Testing
import VintageTestSupport

@testable import VintageCore

/// An observation line written exactly as its canonical JSON serves as that JSON (it is not
/// written again); anything else is written by the writer.
@Suite("Canonical observation lines taken as they are")
struct CanonicalObservationLineTests {
    /// Whether `line` reads as an observation whose canonical text it is.
    private func taken(_ line: String) throws -> Bool {
        let bytes = Array(line.utf8)
        let event = try bytes.withUnsafeBufferPointer { buffer throws(EventInputError) in
            try NDJSONReader.events(in: buffer, piece: NDJSONReader.Piece(range: 0..<buffer.count, firstLine: 1))
        }
        guard case .observation(let o)? = event.first?.event else { return false }
        return bytes.withUnsafeBufferPointer { o.isCanonicalText($0) }
    }

    static let canonical =
        #"{"type":"observation","series":"kr.exports","period":"2026-01","value":65.8,"released_at":"2026-02-01T00:00:00Z","source":"MOTIE","status":"preliminary"}"#

    @Test("canonical lines are taken; a line taken is the canonical JSON, however the observation was written")
    func canonicalLinesAreTaken() async throws {
        #expect(try taken(Self.canonical))
        #expect(
            try taken(#"{"type":"observation","series":"a","period":"2026-01-01T09:30:00.5Z","value":-12,"released_at":"2026-02-01T00:00:00.123Z"}"#))
        await propertyCheck(count: 1000, input: Events.withSpelling) { pair in
            recordingErrors { () throws in
                guard case .observation = pair.0 else { return }
                let canonical = String(decoding: pair.0.canonicalJSON, as: UTF8.self)
                for line in [canonical, looselyWritten(pair.0, seed: pair.1)] where try taken(line) {
                    #expect(line == canonical, "\(line)")
                }
            }
        }
    }

    @Test("white space, key order, escapes, other spellings of a value, a time or a case, and extra fields are written instead")
    func otherSpellingsAreNotTaken() throws {
        let c = Self.canonical
        for line in [
            c.replacing(#","period""#, with: #", "period""#),
            c + " ",
            c.replacing(#""source":"MOTIE","status":"preliminary""#, with: #""status":"preliminary","source":"MOTIE""#),
            c.replacing("MOTIE", with: #"MOT\u0049E"#),
            c.replacing("65.8", with: "65.80"),
            c.replacing("65.8", with: "6.58e1"),
            c.replacing("2026-02-01T00:00:00Z", with: "2026-02-01T00:00:00.000Z"),
            c.replacing("2026-02-01T00:00:00Z", with: "2026-02-01T09:00:00+09:00"),
            c.replacing("kr.exports", with: "KR.exports"),
            c.replacing(#"{"type":"observation","#, with: #"{"type":"observation","id":"x","#),
            c.replacing(#""type":"observation","series":"kr.exports""#, with: #""series":"kr.exports","type":"observation""#)
        ] {
            #expect(try !taken(line), "\(line)")
        }
    }

    @Test("a taken line prepares to the writer's canonical bytes and id")
    func takenLinesPrepareAsWritten() throws {
        let bytes = Array(Self.canonical.utf8)
        let prepared = try bytes.withUnsafeBufferPointer { buffer throws(EventInputError) in
            try NDJSONReader.preparedEvents(in: buffer, piece: NDJSONReader.Piece(range: 0..<buffer.count, firstLine: 1))
        }
        let event = try #require(prepared.first)
        let written = PreparedEvent(InputEvent(line: 1, id: nil, event: event.event))
        #expect(event.body == bytes)
        #expect(event.body == written.body && event.id == written.id && event.checksum == written.checksum)
    }
}
