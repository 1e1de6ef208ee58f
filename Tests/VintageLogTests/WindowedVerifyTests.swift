import Testing
import VintageCore

@testable import VintageLog

/// `verify` checks the batches of a window on every core and takes them in log order: the
/// problems of a log longer than one window come in seq order, capped by the limit; the fold
/// finds correction targets by id key and confirms them.
@Suite struct WindowedVerifyTests {
    /// More one-event batches than a window holds.
    func seeded(batches: Int) throws -> LogFixture {
        let f = try LogFixture()
        try f.append(Lines.defineTotal, at: 1)
        for n in 2...batches {
            let month = n % 12 + 1
            let period = "\(2000 + n / 12)-\(month < 10 ? "0" : "")\(month)"
            try f.append(Lines.observation(period: period), at: Int64(n))
        }
        #expect(try f.log.verify().isIntact)
        return f
    }

    @Test func problemsOfBatchesInDifferentWindowsComeInSeqOrder() throws {
        let batches = 3 * SQLiteEventLog.verifyWindowBatches + 3
        let f = try seeded(batches: batches)
        let late = Int64(batches - 1), early = Int64(3)
        try f.editBatch(startingAt: late) { $0[$0.count / 2] ^= 0x01 }
        try f.editBatch(startingAt: early) { $0[$0.count / 2] ^= 0x01 }
        let report = try f.log.verify()
        #expect(report.eventsChecked == Int64(batches))
        let named = report.problems.compactMap { p in [early, late].first { p.contains("seqs \($0)–\($0)") } }
        #expect(named.first == early)
        #expect(named.last == late)
        #expect(named == named.sorted())
        let capped = try f.log.verify(limit: 1, progress: nil)
        #expect(capped.problems.count == 1)
        #expect(capped.problems[0].contains("seqs \(early)–\(early)"))
    }

    @Test func anIntactLogLongerThanAWindowVerifiesWithItsHead() throws {
        let batches = 2 * SQLiteEventLog.verifyWindowBatches + 1
        let f = try seeded(batches: batches)
        let report = try f.log.verify()
        #expect(report.isIntact)
        #expect(report.head == (try f.log.head(at: Int64(batches))))
    }

    @Test func theDerivedIDKeyIsTheKeyOfTheDerivedID() {
        for n in 0..<2_000 {
            let checksum = Array("event \(n)".utf8).withUnsafeBytes { SHA256.digest(of: $0) }
            #expect(BatchCheck.derivedIDKey(checksum) == EventID(derivedFromContentHash: checksum.bytes).indexKey)
        }
    }

    @Test func aCorrectionTargetIsConfirmedByItsIDNotOnlyItsKey() throws {
        let target = EventID(unchecked: "target")
        let other = EventID(unchecked: "other")
        let observation = try Event(canonicalJSON: Array(Lines.observation().utf8))
        let correction = Event.retraction(Retraction(target: target, reason: nil))
        let ids: [Int64: EventID] = [1: other, 2: target]
        func eventAt(_ seq: Int64) -> (event: Event, id: EventID)? { ids[seq].map { (observation, $0) } }

        // Only an event of another id under the target's key: the target is unknown.
        var alone = LogIndexFold()
        alone.noteID(key: target.indexKey, seq: 1)
        alone.apply(correction, id: EventID(unchecked: "r"), seq: 2, eventAt: eventAt)
        #expect(alone.overrides.isEmpty)

        // Two events under the key (a collision): the one with the target's id is found.
        var shared = LogIndexFold()
        shared.noteID(key: target.indexKey, seq: 1)
        shared.apply(observation, id: target, seq: 2, eventAt: eventAt)
        shared.noteID(key: EventID(unchecked: "x").indexKey, seq: 3)
        shared.apply(correction, id: EventID(unchecked: "r"), seq: 4, eventAt: eventAt)
        #expect(shared.overrides == [2: 4])
        #expect(shared.targets == [2: target])

        // Seqs that do not start at 1 (a damaged log): ids are still found by their seq.
        var gapped = LogIndexFold()
        gapped.apply(observation, id: target, seq: 2, eventAt: eventAt)
        gapped.apply(correction, id: EventID(unchecked: "r"), seq: 7, eventAt: eventAt)
        #expect(gapped.overrides == [2: 7])
    }
}
