import Testing
import VintageCore

@testable import VintageCLI

/// `vintage log --format json` writes its lines with ``LogJSONLine``, straight into the output
/// buffer: byte for byte what ``RowTable/jsonLine(_:_:)`` writes for the same row, for ids
/// that need escaping, every event type, seqs of any size and recording times that repeat
/// and change.
@Suite struct LogJSONLineTests {
    static let columns = ["seq", "id", "type", "recorded_at", "event"]

    @Test func linesAreTheRowWritersBytes() {
        let ids = ["ev-0123456789abcdef0123456789abcdef", "rel-br-1996-01", #"say "hi""#, #"back\slash"#, "Côte d'Ivoire", "K\u{212A}", "/", "x"]
        let bodies = [
            #"{"type":"observation","series":"a.x","period":"2026-01","value":1.5,"released_at":"2026-02-01T00:00:00Z"}"#,
            #"{"type":"series","series":"a.x","title":"r\u00e9vis\u00e9 \"q\""}"#, "{}"
        ]
        let times = [Timestamp(microseconds: 0), Timestamp(microseconds: 1_767_225_600_123_456), Timestamp(microseconds: -86_400_000_001)]
        let seqs: [Int64] = [1, 9, 10, 999, 1_000_000, Int64.max]
        var line = LogJSONLine()
        var n = 0
        for seq in seqs {
            for id in ids {
                for type in EventType.allCases {
                    n += 1
                    let body = Array(bodies[n % bodies.count].utf8)
                    let recordedAt = times[(n / 7) % times.count]
                    var written: [UInt8] = []
                    body.withUnsafeBufferPointer {
                        line.append(seq: seq, id: EventID(unchecked: id), type: type, recordedAt: recordedAt, json: $0, to: &written)
                    }
                    let expected = RowTable.jsonLine(Self.columns, [.integer(seq), .text(id), .text(type.rawValue), .time(recordedAt), .json(body)])
                    #expect(written == expected, "\(String(decoding: written, as: UTF8.self)) vs \(String(decoding: expected, as: UTF8.self))")
                }
            }
        }
    }
}
