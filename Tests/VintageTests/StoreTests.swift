import Foundation
import Testing
import Vintage
import VintageFiles

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
        let input =
            Self.definitions + "\n"
            + #"{"type":"observation","series":"kr.exports.total","period":"2026-01","value":null,"released_at":"2026-02-01T00:00:00Z"}"#
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

    /// A projection committed before the announcement timeline was kept (no `announcements`
    /// attachment) recovers it from the log when next opened, and then agrees with the log.
    @Test func aProjectionWithoutTheAnnouncementTimelineRecoversItFromTheLog() throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(directory: path, create: true)
        _ = try store.append(
            ndjson: Array(
                """
                {"type":"series","series":"us.tariff.kr"}
                {"type":"announcement","id":"a1","released_at":"2026-01-26T22:00:00Z","kind":"tariff","title":"25%","parties":["US","KR"],"series":"us.tariff.kr","effective":"2026-02-01","value":25}
                {"type":"announcement","id":"a2","released_at":"2026-01-10T00:00:00Z","kind":"note","title":"talks"}
                {"type":"correction","target":"a1","replacement":{"type":"announcement","released_at":"2026-01-26T22:00:00Z","kind":"tariff","title":"20%","series":"us.tariff.kr","effective":"2026-02-01","value":20}}
                {"type":"retraction","target":"a2"}
                """.utf8))
        let views: [Int64?] = [nil, 2, 3, 4, 5]
        let expected = try views.map { try store.announcements(AnnouncementQuery(atSeq: $0)) }
        #expect(expected.map(\.count) == [1, 1, 2, 2, 1])
        let directory = try ProjectionDirectory.open(inStore: path)
        var manifest = try directory.currentManifest()
        #expect(manifest.attachments["announcements"] != nil)
        manifest.attachments["announcements"] = nil
        try directory.commit(manifest)

        let reopened = try Store(directory: path)
        #expect(try views.map { try reopened.announcements(AnnouncementQuery(atSeq: $0)) } == expected)
        #expect(try directory.currentManifest().attachments["announcements"] != nil)
        #expect(try reopened.verify().isIntact)
        // The same when events arrived after the old manifest: recovery, then catch-up.
        manifest.attachments["announcements"] = nil
        try directory.commit(manifest)
        _ = try reopened.append(
            ndjson: Array(#"{"type":"announcement","id":"a3","released_at":"2026-03-01T00:00:00Z","kind":"note","title":"later"}"#.utf8))
        #expect(try reopened.announcements().map(\.title) == ["20%", "later"])
        #expect(try Store(directory: path).verify().isIntact)
    }

    /// A large timeline lives in a file of its own, rewritten only when the timeline changes;
    /// snapshots, replay, verify and garbage collection treat it like a chunk.
    @Test func aLargeAnnouncementTimelineLivesInItsOwnFile() throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(directory: path, create: true)
        let announcements = (0..<300).map { n in
            #"{"type":"announcement","id":"a\#(n)","released_at":"2026-01-01T00:00:00Z","kind":"note","title":"announcement \#(n) on tariffs and quotas","parties":["US","KR"]}"#
        }
        _ = try store.append(ndjson: Array(([Self.definitions] + announcements).joined(separator: "\n").utf8))
        let directory = try ProjectionDirectory.open(inStore: path)
        func timelineFile() throws -> String? { try directory.currentManifest().attachments["announcements"]?.fileReference?.name }
        let first = try #require(try timelineFile())
        #expect(try store.announcements().count == 300)
        // An append that adds no announcement keeps the file; one that does replaces it.
        _ = try store.append(ndjson: Array(Self.observation(1).utf8))
        #expect(try timelineFile() == first)
        _ = try store.createSnapshot(name: "s")
        _ = try store.append(ndjson: Array(#"{"type":"retraction","target":"a7"}"#.utf8))
        let second = try #require(try timelineFile())
        #expect(second != first)
        #expect(try store.announcements().count == 299)
        #expect(try store.verify().isIntact)
        // The snapshot keeps the first file; restoring it catches up with the retraction.
        _ = try store.restoreSnapshot(name: "s")
        #expect(try store.announcements().count == 299)
        #expect(try store.announcements(AnnouncementQuery(atSeq: 302)).count == 300)
        _ = try store.replay()
        #expect(try store.announcements().map(\.id.rawValue) == (0..<300).filter { $0 != 7 }.map { "a\($0)" })
        try store.deleteSnapshot(name: "s")
        _ = try store.append(ndjson: Array(#"{"type":"retraction","target":"a8"}"#.utf8))
        #expect(try store.verify().isIntact)
        let files = try FileManager.default.contentsOfDirectory(atPath: path + "/projection/chunks")
        #expect(!files.contains(first))
        #expect(!files.contains(second))
        // A damaged timeline file fails only what reads it; verify reports it, replay repairs it.
        let current = try #require(try timelineFile())
        let file = path + "/projection/chunks/" + current
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        bytes[bytes.count / 2] ^= 0x20
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let damaged = try Store(directory: path)
        #expect(throws: StoreError.self) { _ = try damaged.announcements() }
        #expect(try damaged.points(of: [SeriesID("kr.exports.total")]).first?.points.count == 1)
        #expect(try !damaged.verify().isIntact)
        _ = try damaged.replay()
        #expect(try damaged.announcements().count == 298)
        #expect(try damaged.verify().isIntact)
    }
}
