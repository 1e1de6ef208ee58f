import PropertyBased
import Testing
import VintageTestSupport

@testable import VintageCore

@Suite("NDJSONReader: lines, arrays and parallel pieces")
struct NDJSONReaderTests {
    static let a = #"{"type":"series","series":"a"}"#
    static let b = #"{"type":"series","series":"b"}"#
    static let bad = #"{"type":"series","series":"B!"}"#

    static func seriesNames(_ events: [InputEvent]) -> [String] {
        events.map { event in
            guard case .series(let s) = event.event else { return "?" }
            return s.series.rawValue
        }
    }

    @Test("blank and whitespace-only lines are skipped but counted")
    func blankLines() throws {
        let events = try decodeEvents("\n\n\(Self.a)\n   \n\t\n\(Self.b)\n\n")
        #expect(Self.seriesNames(events) == ["a", "b"])
        #expect(events.map(\.line) == [3, 6])
    }

    @Test("empty and blank inputs hold no events")
    func emptyInput() throws {
        #expect(try decodeEvents("").isEmpty)
        #expect(try decodeEvents("\n \r\n\t\n").isEmpty)
        #expect(try decodeEvents(bytes: [0xEF, 0xBB, 0xBF]).isEmpty)
    }

    @Test("the last line needs no line end")
    func noFinalNewline() throws {
        #expect(try decodeEvents("\(Self.a)\n\(Self.b)").map(\.line) == [1, 2])
    }

    @Test("CRLF line ends are accepted and lines counted once")
    func crlf() throws {
        let events = try decodeEvents("\(Self.a)\r\n\r\n\(Self.b)\r\n")
        #expect(Self.seriesNames(events) == ["a", "b"])
        #expect(events.map(\.line) == [1, 3])
        let error = try #require(rejection(of: "\(Self.a)\r\n\(Self.bad)\r\n"))
        #expect(error.line == 2)
        #expect(error.field == "series")
    }

    @Test("a UTF-8 byte order mark at the start is skipped, in NDJSON and arrays")
    func byteOrderMark() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let events = try decodeEvents(bytes: bom + Array("\(Self.a)\n\(Self.b)\n".utf8))
        #expect(events.map(\.line) == [1, 2])
        let array = try decodeEvents(bytes: bom + Array("[\(Self.a),\n\(Self.b)]".utf8))
        #expect(Self.seriesNames(array) == ["a", "b"])
        #expect(array.map(\.line) == [1, 2])
        bom.withUnsafeBufferPointer { #expect(!NDJSONReader.isArray($0)) }
        (bom + Array(" [".utf8)).withUnsafeBufferPointer { #expect(NDJSONReader.isArray($0)) }
    }

    @Test("a byte order mark anywhere but the start is an error on its line")
    func byteOrderMarkInside() throws {
        let bytes = Array("\(Self.a)\n".utf8) + [0xEF, 0xBB, 0xBF] + Array(Self.b.utf8)
        do {
            _ = try decodeEvents(bytes: bytes)
            Issue.record("accepted a byte order mark inside the input")
        } catch {
            #expect(error.line == 2)
        }
    }

    @Test("a JSON array of events gives each element the line it starts on")
    func arrayLines() throws {
        let input = "\n[\n  \(Self.a),\n  \(Self.b), \(Self.a),\n  {\"type\":\"series\",\n   \"series\":\"c\"}\n]\n"
        let events = try decodeEvents(input)
        #expect(Self.seriesNames(events) == ["a", "b", "a", "c"])
        #expect(events.map(\.line) == [3, 4, 4, 5])
    }

    @Test("an empty array holds no events; an array of one event on one line is line 1")
    func smallArrays() throws {
        #expect(try decodeEvents("[]").isEmpty)
        #expect(try decodeEvents(" [ ] \n").isEmpty)
        #expect(try decodeEvents("[\(Self.a)]").map(\.line) == [1])
    }

    @Test(
        "errors inside an array name the line its bad element starts on",
        arguments: [
            Rejection("bad element", "[\n\(a),\n\(a),\n\(bad)\n]", line: 4, field: "series", reason: "uses only"),
            Rejection("multi-line bad element", "[\(a),\n{\"type\":\"series\",\n\"series\":1}]", line: 2, field: "series", reason: "found a number"),
            Rejection("not an object", "[\n\(a),\n42]", line: 3, field: nil, reason: "expected an event object, found a number"),
            Rejection("trailing comma", "[\n\(a),\n]", line: 3, field: nil, reason: "expected an event object"),
            Rejection("missing comma", "[\n\(a)\n\(b)]", line: 3, field: nil, reason: "expected ',' or ']' between events of the array"),
            Rejection("unterminated array", "[\n\(a),\n\(b)\n", line: 4, field: nil, reason: "expected ',' or ']'"),
            Rejection("text after the array", "[\(a)]\n\n\(b)", line: 3, field: nil, reason: "unexpected text after the array"),
            Rejection(
                "malformed element", "[\n\(a),\n{\"type\" \"series\"}]", line: 3, field: nil,
                reason: "malformed JSON at column 9: expected ':' after the key \"type\"")
        ])
    func arrayErrors(_ rejection: Rejection) { rejection.check() }

    @Test("ids and events decode the same from NDJSON and from an array")
    func arrayAndNDJSONAgree() throws {
        let lines = [#"{"id":"x1","type":"retraction","target":"t"}"#, Self.a, Self.b]
        let ndjson = try decodeEvents(lines.joined(separator: "\n"))
        let array = try decodeEvents("[" + lines.joined(separator: ",\n") + "]")
        #expect(ndjson == array)
        #expect(ndjson[0].id?.rawValue == "x1")
    }

    // MARK: Pieces

    /// Decodes `bytes` piece by piece, as a parallel append would, in piece order.
    static func decodeByPieces(_ bytes: [UInt8], count: Int) throws(EventInputError) -> [InputEvent] {
        let result: Result<[InputEvent], EventInputError> = bytes.withUnsafeBufferPointer { buffer in
            var events: [InputEvent] = []
            for piece in NDJSONReader.pieces(of: buffer, count: count) {
                do throws(EventInputError) { events += try NDJSONReader.events(in: buffer, piece: piece) } catch { return .failure(error) }
            }
            return .success(events)
        }
        return try result.get()
    }

    /// NDJSON inputs of loosely written events mixed with blank lines, CRLF ends and a BOM.
    static let inputs: Generator<[UInt8], Shrink.None<[UInt8]>> = Generator { rng in
        var bytes: [UInt8] = Bool.random(using: &rng) ? [0xEF, 0xBB, 0xBF] : []
        for _ in 0..<Int.random(in: 0...30, using: &rng) {
            switch Int.random(in: 0...5, using: &rng) {
            case 0: bytes += Array(" \t".prefix(Int.random(in: 0...2, using: &rng)).utf8)
            default:
                let event = Events.event(&rng)
                let id = Int.random(in: 0...3, using: &rng) == 0 ? Events.eventID(&rng) : nil
                bytes += Array(looselyWritten(event, id: id, seed: UInt64.random(in: 0 ... .max, using: &rng)).utf8)
            }
            bytes += Bool.random(using: &rng) ? [0x0D, 0x0A] : [0x0A]
        }
        if Bool.random(using: &rng), bytes.last == 0x0A { bytes.removeLast() }
        return bytes
    }

    @Test("pieces cover the input at line boundaries, each starting on the right line")
    func piecesAreLineAligned() async throws {
        await propertyCheck(count: 200, input: Self.inputs, Gen.int(in: 1...9)) { (bytes, count) in
            recordingErrors { () throws in
                let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
                bytes.withUnsafeBufferPointer { buffer in
                    let pieces = NDJSONReader.pieces(of: buffer, count: count)
                    var expectedStart = bom
                    for piece in pieces {
                        #expect(piece.range.lowerBound == expectedStart)
                        #expect(!piece.range.isEmpty)
                        #expect(piece.range.upperBound == bytes.count || bytes[piece.range.upperBound - 1] == 0x0A)
                        #expect(piece.firstLine == 1 + bytes[0..<piece.range.lowerBound].filter { $0 == 0x0A }.count)
                        expectedStart = piece.range.upperBound
                    }
                    #expect(expectedStart == max(bom, bytes.count))
                    #expect(pieces.count <= count + 1)
                }
            }
        }
    }

    @Test("decoding piece by piece gives the same events and line numbers as the whole input")
    func piecesAgreeWithWholeInput() async throws {
        await propertyCheck(count: 200, input: Self.inputs, Gen.int(in: 1...9)) { (bytes, count) in
            recordingErrors { () throws in
                let whole = try decodeEvents(bytes: bytes)
                let byPieces = try Self.decodeByPieces(bytes, count: count)
                #expect(byPieces == whole)
                #expect(whole.map(\.line) == whole.map(\.line).sorted())
            }
        }
    }

    @Test("preparing while decoding gives what preparing the decoded events gives: lines, ids, bodies, checksums")
    func preparedEventsAgreeWithInputEvents() async throws {
        await propertyCheck(count: 200, input: Self.inputs) { bytes in
            recordingErrors { () throws in
                let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
                let piece = NDJSONReader.Piece(range: bom..<bytes.count, firstLine: 1)
                let (inputs, prepared) = try bytes.withUnsafeBufferPointer { buffer throws(EventInputError) in
                    (try NDJSONReader.events(in: buffer, piece: piece), try NDJSONReader.preparedEvents(in: buffer, piece: piece))
                }
                let expected = inputs.map(PreparedEvent.init)
                #expect(prepared.map(\.line) == expected.map(\.line))
                #expect(prepared.map(\.id) == expected.map(\.id))
                #expect(prepared.map(\.event) == expected.map(\.event))
                #expect(prepared.map(\.body) == expected.map(\.body))
                #expect(prepared.map(\.checksum) == expected.map(\.checksum))
                #expect(prepared.map(\.idKey) == expected.map(\.idKey))
                #expect(prepared.map(\.idIsDerived) == expected.map(\.idIsDerived))
            }
        }
    }

    @Test("an id given equal to the derived one counts as derived; another given id does not")
    func givenIDEqualToDerived() throws {
        let event = try decodeEvent(Self.a)
        let derived = PreparedEvent(line: 1, id: nil, event: event)
        #expect(derived.idIsDerived)
        let same = PreparedEvent(line: 1, id: derived.id, event: event)
        #expect(same.idIsDerived && same.id == derived.id && same.checksum == derived.checksum)
        let other = PreparedEvent(line: 1, id: EventID(unchecked: "x"), event: event)
        #expect(!other.idIsDerived && other.id.rawValue == "x")
    }

    @Test("a prepared batch hands its events over once, keeping their order and shifted lines")
    func batchTakeEvents() throws {
        let event = try decodeEvent(Self.a)
        var batch = PreparedBatch([PreparedEvent(line: 1, id: nil, event: event), PreparedEvent(line: 3, id: nil, event: event)])
        batch.shiftLines(by: 10)
        #expect(batch.takeEvents().map(\.line) == [11, 13])
        #expect(batch.events.isEmpty)
    }

    @Test("a bad line is reported with the same line number whether decoded whole or by pieces")
    func piecesReportTheSameError() async throws {
        await propertyCheck(count: 200, input: Self.inputs, Gen.int(in: 1...9), Gen.int(in: 0...40)) { (bytes, count, position) in
            recordingErrors { () throws in
                // Insert a bad line after the `position`-th line end (or at the end).
                var lineEnds = bytes.indices.filter { bytes[$0] == 0x0A }
                if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { lineEnds.insert(2, at: 0) } else { lineEnds.insert(-1, at: 0) }
                let at = lineEnds[min(position, lineEnds.count - 1)] + 1
                var input = bytes
                if at > 0, at == input.count, input.last != 0x0A { input.append(0x0A) }
                let insertAt = min(at, input.count)
                input.insert(contentsOf: Array((Self.bad + "\n").utf8), at: insertAt)
                let badLine = 1 + input[0..<insertAt].filter { $0 == 0x0A }.count
                var wholeError: EventInputError?
                do throws(EventInputError) { _ = try decodeEvents(bytes: input) } catch { wholeError = error }
                var piecesError: EventInputError?
                do throws(EventInputError) { _ = try Self.decodeByPieces(input, count: count) } catch { piecesError = error }
                #expect(wholeError?.line == badLine)
                #expect(wholeError?.field == "series")
                #expect(piecesError == wholeError)
            }
        }
    }

    @Test("one piece per line when asked for more pieces than there are lines")
    func manyPieces() throws {
        let input = Array("\(Self.a)\n\(Self.b)\n\n\(Self.a)".utf8)
        let pieces = input.withUnsafeBufferPointer { NDJSONReader.pieces(of: $0, count: 1000) }
        #expect(pieces.map(\.firstLine) == [1, 2, 3, 4])
        #expect(try Self.decodeByPieces(input, count: 1000).map(\.line) == [1, 2, 4])
        #expect(input.withUnsafeBufferPointer { NDJSONReader.pieces(of: $0, count: 3) }.isEmpty == false)
        #expect([UInt8]().withUnsafeBufferPointer { NDJSONReader.pieces(of: $0, count: 4) }.isEmpty)
    }
}
