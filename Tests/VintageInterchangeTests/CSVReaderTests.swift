import Foundation
import PropertyBased
import Testing
import VintageTestSupport

@testable import VintageInterchange

@Suite("Streaming CSV reader")
struct CSVReaderTests {
    @Test("quoted fields keep separators, doubled quotes and line breaks; lines are counted across them")
    func quotedFields() throws {
        let text = "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nlast,row,here\n"
        let r = try records(of: Array(text.utf8))
        #expect(r.rows == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["last", "row", "here"]])
        #expect(r.lines == [1, 2, 4])
    }

    @Test("a UTF-8 byte order mark is skipped, CRLF and a missing final line break are accepted")
    func bomAndCRLF() throws {
        let r = try records(of: [0xEF, 0xBB, 0xBF] + Array("series,value\r\nx,1\r\ny,2".utf8))
        #expect(r.rows == [["series", "value"], ["x", "1"], ["y", "2"]])
    }

    @Test("the separator is detected from the header line: ';' and tab as well as ','")
    func delimiterDetection() throws {
        #expect(try records(of: Array("a;b;c\n1,5;2;3\n".utf8)).rows == [["a", "b", "c"], ["1,5", "2", "3"]])
        #expect(try records(of: Array("a\tb\n1\t2\n".utf8)).delimiter == 9)
        #expect(try records(of: Array("\"a;b\",c\n".utf8)).delimiter == UInt8(ascii: ","))
    }

    @Test("blank lines are skipped")
    func blankLines() throws {
        #expect(try records(of: Array("a,b\n\n1,2\n\n".utf8)).rows == [["a", "b"], ["1", "2"]])
    }

    @Test("an unclosed quote and text after a closing quote are errors naming the line")
    func malformedQuotes() throws {
        #expect(throws: InterchangeError.self) { _ = try records(of: Array("a,b\n1,\"open\n".utf8)) }
        do {
            _ = try records(of: Array("a,b\n1,\"x\"y\n".utf8))
            Issue.record("expected an error")
        } catch let e as InterchangeError {
            #expect(e.line == 2)
            #expect(e.column == "2")
        }
    }

    @Test("records spanning the reader's 1 MiB blocks are read whole, with the right line numbers")
    func blockBoundaries() throws {
        var text = "id,text\n"
        var expected: [[String]] = [["id", "text"]]
        for i in 0..<30_000 {
            let field = i % 7 == 0 ? "multi\nline \"\(i)\"" : String(repeating: "x", count: i % 97)
            text += "\(i),\"\(field.replacingOccurrences(of: "\"", with: "\"\""))\"\r\n"
            expected.append([String(i), field])
        }
        let r = try records(of: Array(text.utf8))
        #expect(r.rows.count == expected.count)
        #expect(r.rows == expected)
        // Line of record k: 1 + k + (number of multi-line fields before it).
        let multiBefore = (0..<30_000).filter { $0 % 7 == 0 }.count
        #expect(r.lines.last == 2 + 29_999 + multiBefore)
    }

    @Test("any table written with quoting reads back the same")
    func writtenTablesReadBack() async throws {
        let cells = Gen.int(in: 0...6).map { ["", "plain", "a,b", "say \"x\"", "line\nbreak", "semi;colon", " spaced "][$0] }
        let rows = cells.array(of: 3).array(of: 1...20)
        await propertyCheck(count: 100, input: rows) { (rows) in
            recordingErrors { () throws in
                let sink = OutputSink()
                let writer = CSVWriter(sink: sink)
                writer.row(["h1", "h2", "h3"])
                for row in rows { writer.row(row) }
                sink.flush()
                let back = try records(of: sink.kept, delimiter: UInt8(ascii: ","))
                // A row of three empty cells is ",,": not a blank line, so it is kept.
                #expect(back.rows == [["h1", "h2", "h3"]] + rows)
            }
        }
    }
}
