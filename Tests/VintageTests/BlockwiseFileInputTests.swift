import Foundation
import Testing
import Vintage

/// A file appended in blocks read and parsed off the committing thread: events keep their
/// order and lines, the first bad line wins wherever its block falls, and an unreadable
/// block stores nothing.
@Suite struct BlockwiseFileInputTests {
    /// About 3 MB of observations: several blocks (the first is 256 KiB).
    static func lines(count: Int = 24_000) -> [String] {
        [#"{"type":"series","series":"blocks.total"}"#]
            + (1..<count).map { n in
                #"{"type":"observation","series":"blocks.total","period":"\#(2000 + n / 12)-\#(String(format: "%02d", n % 12 + 1))","value":\#(n),"released_at":"2026-02-01T00:00:00Z","source":"a source long enough to make the blocks fill up"}"#
            }
    }

    func withStoreAndFile(_ lines: [String], _ body: (Store, String) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vintage-blocks-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let file = directory + "/events.ndjson"
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: file))
        try body(try Store(directory: directory + "/store", create: true), file)
    }

    @Test func aFileOfManyBlocksIsStoredInOrder() throws {
        let lines = Self.lines()
        try withStoreAndFile(lines) { store, file in
            var reported: [Int] = []
            let outcome = try store.append(contentsOf: file, progress: { done, _ in reported.append(done) })
            #expect(outcome.stored == lines.count && outcome.seqRange == 1...Int64(lines.count))
            #expect(reported.count > 3 && reported == reported.sorted())
            let events = try store.events(fromSeq: Int64(lines.count) - 1)
            #expect(events.map(\.seq) == [Int64(lines.count) - 1, Int64(lines.count)])
            #expect(try store.verify().isIntact)
        }
    }

    @Test(arguments: [2, 5_000, 23_999])
    func theFirstBadLineWinsWhereverItsBlockFalls(bad: Int) throws {
        var lines = Self.lines()
        lines[bad - 1] = #"{"type":"observation","series":"blocks.total","period":"2026-13","value":1,"released_at":"2026-02-01T00:00:00Z"}"#
        lines[23_999] = #"{"type":"observation"}"#
        try expectRefused(lines, naming: "line \(bad): field 'period'")
    }

    /// Blocks are read ahead of the parsing: a line too long to read (over 64 MiB), found
    /// while the block before it is still being parsed, does not hide a bad line there.
    @Test func aLineTooLongAfterTheBadLineDoesNotHideIt() throws {
        var lines = Self.lines(count: 2_000)
        lines[10] = #"{"type":"nonsense"}"#
        lines.insert(String(repeating: "x", count: 66 << 20), at: 11)
        try expectRefused(lines, naming: "line 11: field 'type'")
    }

    /// Appends `lines` as a file and expects the append refused with an error naming
    /// `problem`, and nothing stored.
    func expectRefused(_ lines: [String], naming problem: String) throws {
        try withStoreAndFile(lines) { store, file in
            do {
                _ = try store.append(contentsOf: file)
                Issue.record("the append was not refused")
            } catch {
                #expect("\(error)".contains(problem), "\(error)")
            }
            let last = try store.lastSeq()
            #expect(last == 0)
        }
    }
}
