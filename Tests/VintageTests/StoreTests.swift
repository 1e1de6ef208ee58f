import Foundation
import Testing
import Vintage

/// The library product used as a program would: typed values, typed errors, concurrency.
@Suite struct StoreTests {
    func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("vintage-store-\(UUID().uuidString)").path
    }

    static let definitions = #"{"type":"series","series":"kr.exports.total","unit":"USD"}"#

    static func observation(_ n: Int) -> String {
        #"{"type":"observation","series":"kr.exports.total","period":"\#(1000 + n)","value":\#(n),"released_at":"2026-02-01T00:00:00Z"}"#
    }

    @Test func appendsFromConcurrentTasksAreAllStoredWithGaplessSeqs() async throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(directory: path, create: true)
        _ = try store.append(ndjson: Array(Self.definitions.utf8))
        try await withThrowingTaskGroup(of: AppendOutcome.self) { group in
            for task in 0..<8 {
                group.addTask {
                    let lines = (0..<50).map { Self.observation(task * 50 + $0) }.joined(separator: "\n")
                    return try store.append(ndjson: Array(lines.utf8))
                }
            }
            var stored = 0
            for try await outcome in group { stored += outcome.stored }
            #expect(stored == 400)
        }
        let seqs = try store.events().map(\.seq)
        #expect(seqs == Array(1...401))
        #expect(try store.verify().isIntact)
    }

    @Test func aMissingStoreIsATypedError() throws {
        let path = temporaryDirectory()
        #expect(throws: StoreError.log(.noStore(path: path))) { _ = try Store(directory: path) }
    }

    @Test func aMissingInputFileIsATypedErrorNamingTheFile() throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(directory: path, create: true)
        #expect(throws: StoreError.unreadableFile(path: "/nonexistent/events.ndjson", reason: "No such file or directory")) {
            _ = try store.append(contentsOf: "/nonexistent/events.ndjson")
        }
    }

    @Test func badInputIsATypedErrorWithLineAndField() throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(directory: path, create: true)
        let input = Self.definitions + "\n" + #"{"type":"observation","series":"kr.exports.total","period":"2026-01","value":null,"released_at":"2026-02-01T00:00:00Z"}"#
        #expect(throws: StoreError.input(EventInputError(line: 2, field: "value", reason: "expected a finite number, found null"))) {
            _ = try store.append(ndjson: Array(input.utf8))
        }
        #expect(try store.lastSeq() == 0)
    }

    @Test func eventsAreReadBackTypedWithLimitsAndTypes() throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(directory: path, create: true)
        _ = try store.append(ndjson: Array(([Self.definitions] + (1...5).map(Self.observation)).joined(separator: "\n").utf8))
        let observations = try store.events(fromSeq: 3, limit: 2, type: .observation)
        #expect(observations.map(\.seq) == [3, 4])
        guard case .observation(let o) = try observations[0].event() else { Issue.record("not an observation"); return }
        #expect(o.value == 2)
        #expect(o.period.start == (try Period("1002")).start)
    }
}
