import PropertyBased
import Testing
import VintageTestSupport

@testable import VintageCore

@Suite("Decoding damaged input never traps")
struct DecoderRobustnessTests {
    /// Valid NDJSON or array input with a few bytes replaced, inserted, deleted or cut off.
    static let damagedInputs: Generator<[UInt8], Shrink.None<[UInt8]>> = Generator { rng in
        let events = (0..<Int.random(in: 1...4, using: &rng)).map { _ in
            looselyWritten(Events.event(&rng), seed: UInt64.random(in: 0 ... .max, using: &rng))
        }
        var bytes = Array((Bool.random(using: &rng) ? events.joined(separator: "\n") : "[" + events.joined(separator: ",\n") + "]").utf8)
        let interesting = Array(#"{}[]":,\ 0123456789eE+-.ntfu"#.utf8) + [0x0A, 0x0D, 0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xED, 0xEF, 0xFF]
        for _ in 0..<Int.random(in: 1...4, using: &rng) where !bytes.isEmpty {
            let i = Int.random(in: 0..<bytes.count, using: &rng)
            let byte = Bool.random(using: &rng) ? interesting.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
            switch Int.random(in: 0...3, using: &rng) {
            case 0: bytes[i] = byte
            case 1: bytes.insert(byte, at: i)
            case 2: bytes.remove(at: i)
            default: bytes.removeSubrange(i...)
            }
        }
        return bytes
    }

    @Test("damaged input is either decoded or rejected with a line inside the input")
    func damagedInput() async throws {
        await propertyCheck(count: 1500, input: Self.damagedInputs) { (bytes) in
            recordingErrors { () throws in
                let lines = 1 + bytes.filter { $0 == 0x0A }.count
                do throws(EventInputError) {
                    let events = try decodeEvents(bytes: bytes)
                    for event in events {
                        #expect((1...lines).contains(event.line))
                        // Whatever was accepted must encode canonically and read back.
                        #expect(try Event(canonicalJSON: event.event.canonicalJSON) == event.event)
                    }
                } catch {
                    #expect((1...lines).contains(error.line), "\(error)")
                    #expect(!error.description.contains("\n"), "\(error)")
                }
            }
        }
    }

    @Test("deep nesting in a field value is rejected, not followed")
    func deepNestingInFields() throws {
        let depth = 100_000
        for field in ["tags", "parties", "observations", "value", "name"] {
            let input = #"{"type":"series","series":"s",""# + field + #"":"# + String(repeating: "[", count: depth)
            #expect(rejection(of: input) != nil, "\(field)")
            let objects = #"{"type":"series","series":"s",""# + field + #"":"# + String(repeating: #"{"a":"#, count: depth)
            #expect(rejection(of: objects) != nil, "\(field)")
        }
        #expect(rejection(of: String(repeating: "[", count: depth)) != nil)
    }

    @Test("very long lines and values are handled")
    func longInput() throws {
        let name = String(repeating: "é\\\"", count: 50_000)
        let events = try decodeEvents(#"{"type":"series","series":"s","name":""# + name + #""}"#)
        guard case .series(let s) = events.first?.event else { Issue.record("not a series event"); return }
        #expect(s.name?.count == 100_000)
        let digits = "1" + String(repeating: "0", count: 300) + "." + String(repeating: "5", count: 5000)
        guard case .observation(let o) = try decodeEvent(observation("value", digits)) else { Issue.record("not an observation"); return }
        #expect(o.value == 1e300)
    }
}
