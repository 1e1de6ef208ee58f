import Foundation
import PropertyBased
import Testing
import Vintage
import VintageProjection
import VintageTestSupport

/// The store against a deliberately simple in-memory model of SPEC.md, on random event
/// sequences fed in random batches: series definitions with tags, observations, releases,
/// announcements with a step, revisions, same-value restatements in other spellings,
/// corrections (of observations, releases, announcements and definitions), retractions,
/// corrections after retractions, out-of-order periods and release times, one series pushed
/// far past the head limit so that it is compacted into chunks (and then corrected, revised
/// and backfilled), duplicates, and batches the log must refuse as a whole.
///
/// Every answer — points over all three time axes with tag filters, history, the catalog,
/// the announcement timeline (every filter, all three axes), revisions —
/// must equal the model's after every append, after a snapshot, more appends and a restore,
/// after a replay, after closing and reopening the store, and from a second `Store` on the
/// same directory that did none of the appends; `verify` must find the store intact after
/// each phase.
@Suite struct StoreModelTests {
    // MARK: Running a scenario against a store

    /// An item as an NDJSON line: its canonical JSON with its id, and for some items (chosen
    /// by id) its series ids in upper case and release times at midnight UTC as dates — the
    /// same content (ids are case-insensitive; a date is the start of its day).
    static func ndjson(_ item: Item) -> String {
        var line = "{\"id\":\"\(item.id)\"," + String(decoding: item.event.canonicalJSON.dropFirst(), as: UTF8.self)
        let choice = item.id.rawValue.utf8.reduce(0) { $0 + Int($1) }
        if choice % 3 == 0 {
            for series in allSeries {
                line = line.replacingOccurrences(of: "\"series\":\"\(series)\"", with: "\"series\":\"\(series.rawValue.uppercased())\"")
            }
        }
        if choice % 2 == 0 {
            for instant in instants where instant.microseconds % Timestamp.microsecondsPerDay == 0 {
                line = line.replacingOccurrences(
                    of: "\"released_at\":\"\(instant.iso8601)\"", with: "\"released_at\":\"\(instant.iso8601.prefix(10))\"")
            }
        }
        return line
    }

    static func describe(_ batches: ArraySlice<Batch>) -> String {
        batches.enumerated().map { n, b in
            "-- batch \(n + 1)\(b.asNDJSON ? " (ndjson)" : "")\n" + b.items.map(ndjson).joined(separator: "\n")
                + (b.poison.map { "\n   refused with: " + ndjson($0) } ?? "")
        }.joined(separator: "\n")
    }

    struct Mismatch: Error, CustomStringConvertible {
        var description: String
    }

    /// Appends a batch to the store and the model; throws a mismatch when the store's
    /// outcome differs from the model's.
    static func append(_ batch: Batch, to store: Store, model: inout Model) throws {
        func send(_ items: [Item]) throws -> AppendOutcome {
            if batch.asNDJSON {
                return try store.append(ndjson: Array(items.map(ndjson).joined(separator: "\n").utf8))
            }
            return try store.append(items.enumerated().map { InputEvent(line: $0 + 1, id: $1.id, event: $1.event) })
        }
        let before = model.lastSeq
        if let poison = batch.poison {
            do {
                let outcome = try send(batch.items + [poison])
                throw Mismatch(description: "the store accepted a batch the model refuses (its last event): \(outcome)")
            } catch is StoreError {
                guard try store.lastSeq() == before else { throw Mismatch(description: "a refused batch changed the log") }
            }
        }
        guard !batch.items.isEmpty else { return }
        let outcome: AppendOutcome
        do { outcome = try send(batch.items) } catch {
            throw Mismatch(description: "the store refused a batch the model accepts: \(error)")
        }
        var stored = 0, duplicates = 0
        var warnings: [AppendWarning] = []
        for (n, item) in batch.items.enumerated() {
            var warning: AppendWarning?
            if case .correction(let c) = item.event { warning = model.warning(for: c, line: n + 1) }
            switch model.append(item.event, id: item.id) {
            case .stored:
                stored += 1
                if let warning { warnings.append(warning) }
            case .duplicate: duplicates += 1
            case .rejected: throw Mismatch(description: "the model refused \(item.id) on replay of the scenario")
            }
        }
        let expected = AppendOutcome(
            stored: stored, duplicates: duplicates, seqRange: stored == 0 ? nil : (before + 1)...(before + Int64(stored)),
            warnings: warnings)
        guard outcome == expected else { throw Mismatch(description: "append outcome \(outcome), expected \(expected)") }
    }

    static let smallTimes = smallPeriods.map { $0[0].start.microseconds }
    static let bigTimes = [-10, 0, 3, 5, 100, 257, 419, 440].map { bigBase + Int64($0) * Timestamp.microsecondsPerDay }
    static let bounds: [Int64?] = [nil] + (smallTimes + bigTimes).flatMap { [$0, $0 + 1] }
    static let asOfs: [Int64?] = [nil] + instants.map(\.microseconds).flatMap { [$0, $0 - 1, $0 + 1] }
    /// Bounds for the announcement timeline, whose valid time may be a release instant.
    static let announcementBounds: [Int64?] = bounds + instants.map(\.microseconds).flatMap { [$0, $0 + 1] }
    static let filters: [TagFilter] = [
        TagFilter(), TagFilter(["g": "1"]), TagFilter(["g": "2", "h": "1"]), TagFilter(["kind": "big"]),
        TagFilter([TagFilter.Condition(key: "g", value: "1"), TagFilter.Condition(key: "g", value: "2")])
    ]

    /// Compares the store's answers with the model's: `queries` random point queries, as
    /// many history lookups, announcement timelines and revision tables, one catalog, as
    /// many analytic queries; throws the first mismatch.
    static func compare(_ store: Store, _ model: Model, rng: inout SplitMix64, queries: Int, label: String) throws {
        let last = model.lastSeq
        guard try store.lastSeq() == last else { throw Mismatch(description: "\(label): last seq \(try store.lastSeq()), expected \(last)") }
        let now = model.view(atSeq: last)
        func randomSeq() -> Int64? {
            if last == 0 || rng.pick(5) < 2 { return nil }
            return rng.pick(25) == 0 ? last + 1 : Int64(1 + rng.pick(Int(last)))
        }
        /// A valid-time range that is often open on one side or both and never inverted.
        func range(_ options: [Int64?]) -> (Int64?, Int64?) {
            let from = rng.pick(3) == 0 ? nil : rng.element(options), to = rng.pick(3) == 0 ? nil : rng.element(options)
            if let f = from, let t = to, f > t { return (t, f) }
            return (from, to)
        }
        func check<T: Equatable>(_ what: String, _ atSeq: Int64?, expected: T?, _ actual: () throws -> T) throws {
            let result: Result<T, any Error>
            do { result = .success(try actual()) } catch { result = .failure(error) }
            switch (result, expected) {
            case (.success(let a), .some(let e)) where a == e: return
            case (.failure(StoreError.invalidRequest), .none): return
            case (.success(let a as [SeriesPoints]), .some(let e as [SeriesPoints])):
                // Only the rows that differ: a big series has hundreds of points.
                func rows(_ all: [SeriesPoints]) -> [String] {
                    all.flatMap { s in
                        ["\(s.series)"]
                            + s.points.map {
                                "\(s.series) \(Timestamp(microseconds: $0.validTime)) value \($0.value) released \(Timestamp(microseconds: $0.releasedAt)) seq \($0.seq) status \($0.status ?? "-")"
                            }
                    }
                }
                let (store, model) = (rows(a), rows(e))
                throw Mismatch(
                    description:
                        "\(label): \(what)\n  only in the store: \(store.filter { !model.contains($0) })\n  only in the model: \(model.filter { !store.contains($0) })"
                )
            default:
                throw Mismatch(description: "\(label): \(what)\n  store: \(result)\n  model: \(expected.map { "\($0)" } ?? "an error")")
            }
        }
        for _ in 0..<queries {
            let atSeq = randomSeq()
            let q = PointQuery(
                from: rng.element(bounds), to: rng.element(bounds), asOf: rng.element(asOfs), atSeq: atSeq,
                firstRelease: rng.flip(), latestOnly: rng.pick(4) == 0)
            // Named series, now and then in upper case (ids match in any case).
            let named: [SeriesID] =
                rng.flip()
                ? []
                : (0...rng.pick(2)).map { _ -> SeriesID in
                    let id = rng.element(allSeries)
                    return rng.pick(3) == 0 ? try! SeriesID(id.rawValue.uppercased()) : id
                }
            let filter = rng.pick(3) == 0 ? rng.element(filters) : TagFilter()
            var expected: [SeriesPoints]?
            if atSeq.map({ $0 <= last }) ?? true {
                let view = atSeq.map { model.view(atSeq: $0) } ?? now
                expected = Model.select(named, filter, in: view, now: now)?.map { SeriesPoints(series: $0, points: Model.points(view, of: $0, q)) }
            }
            try check("points of \(named) where \(filter.conditions.map { "\($0.key)=\($0.value)" }) \(q)", atSeq, expected: expected) {
                try store.points(of: named, where: filter, q)
            }
        }
        for _ in 0..<queries {
            let atSeq = randomSeq()
            let series = rng.element(allSeries)
            let times = Array(now.vintages[series, default: [:]].keys) + [rng.element(smallTimes)]
            let validTime = rng.element(times)
            var expected: [HistoryEntry]?
            if now.metadata[series] != nil, atSeq.map({ $0 <= last }) ?? true {
                expected = Model.history(atSeq.map { model.view(atSeq: $0) } ?? now, of: series, validTime: validTime)
            }
            try check(
                "history of \(series) at \(Timestamp(microseconds: validTime)) at seq \(atSeq.map(String.init) ?? "now")", atSeq, expected: expected
            ) {
                try store.history(of: series, validTime: validTime, atSeq: atSeq)
            }
        }
        for n in 0..<queries {
            let atSeq = randomSeq()
            let (from, to) = range(announcementBounds)
            // The first: the whole timeline at a random position.
            let q =
                n == 0
                ? AnnouncementQuery(atSeq: atSeq)
                : AnnouncementQuery(
                    from: from, to: to, asOf: rng.pick(3) == 0 ? rng.element(asOfs) : nil,
                    atSeq: atSeq, where: rng.pick(3) == 0 ? rng.element(filters) : TagFilter(),
                    party: rng.element([nil, nil, "US", "KR", "JP", "kr", "Us"]), kind: rng.element([nil, nil, "tariff", "note", "Tariff"]))
            let expected = atSeq.map { $0 <= last } ?? true ? model.announcements(atSeq: atSeq ?? last, q) : nil
            try check("announcements \(q)", atSeq, expected: expected) { try store.announcements(q) }
        }
        for _ in 0..<queries {
            let atSeq = randomSeq()
            let series = rng.pick(8) == 0 ? SeriesID(unchecked: "zz.unknown") : rng.element(allSeries)
            let (from, to) = range(bounds)
            let q = PointQuery(from: from, to: to, asOf: rng.pick(3) == 0 ? rng.element(asOfs) : nil, atSeq: atSeq)
            var expected: String?
            if now.metadata[series] != nil, atSeq.map({ $0 <= last }) ?? true {
                let (revisions, mean) = Model.revisions(atSeq.map { model.view(atSeq: $0) } ?? now, of: series, q)
                expected = "\(revisions) mean \(mean.map { "\($0)" } ?? "-")"
            }
            try check("revisions of \(series) \(q)", atSeq, expected: expected) {
                let r = try store.revisions(of: series, q)
                return "\(r) mean \(r.meanAbsoluteRevision.map { "\($0)" } ?? "-")"
            }
        }
        let atSeq = randomSeq(), filter = rng.element(filters)
        let expected: [SeriesSummary]? =
            atSeq.map { $0 <= last } ?? true ? Model.catalog(atSeq.map { model.view(atSeq: $0) } ?? now, where: filter) : nil
        try check(
            "series where \(filter.conditions.map { "\($0.key)=\($0.value)" }) at seq \(atSeq.map(String.init) ?? "now")", atSeq, expected: expected
        ) {
            try store.series(where: filter, atSeq: atSeq)
        }
        try compareAnalytics(store, model, rng: &rng, queries: queries, label: label)
    }

    static func verify(_ store: Store, label: String) throws {
        let report = try store.verify()
        guard report.isIntact else { throw Mismatch(description: "\(label): verify found \(report.problems)") }
    }

    static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("vintage-model-\(UUID().uuidString)").path
    }

    /// Runs the scenario through every phase; returns whether the big series was compacted.
    static func run(_ scenario: Scenario, seed: UInt64) throws -> Bool {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var rng = SplitMix64(state: seed ^ 0xD1B5_4A32_D192_ED03)
        var model = Model()
        var store = try Store(directory: path, create: true)
        var appended = 0
        /// Appends the batches in `range`, each through one of `stores` at random, comparing
        /// after each; then compares and verifies every store.
        func phase(_ range: Range<Int>, into stores: Store..., label: String) throws {
            for i in range {
                let n = rng.pick(stores.count)
                let label = stores.count > 1 ? "\(label) (through store \(n + 1))" : label
                do {
                    try append(scenario.batches[i], to: stores[n], model: &model)
                } catch let m as Mismatch {
                    throw Mismatch(description: "\(label), batch \(i + 1): \(m)")
                }
                appended = i + 1
                try compare(stores[n], model, rng: &rng, queries: 2, label: "\(label), after batch \(i + 1)")
            }
            for (n, store) in stores.enumerated() {
                let label = stores.count > 1 ? "\(label), store \(n + 1)" : label
                try compare(store, model, rng: &rng, queries: 12, label: "\(label), end")
                try verify(store, label: label)
            }
        }
        do {
            let p = scenario.phases
            try phase(0..<p[0], into: store, label: "appends")
            let other = try Store(directory: path)
            _ = try store.createSnapshot(name: "model")
            try phase(p[0]..<p[1], into: store, label: "appends after the snapshot")
            _ = try store.restoreSnapshot(name: "model")
            try phase(p[1]..<p[1], into: store, label: "restored snapshot")
            try phase(p[1]..<p[2], into: store, label: "appends after the restore")
            try compare(other, model, rng: &rng, queries: 12, label: "second store, which did no appends")
            _ = try store.replay()
            try phase(p[2]..<p[2], into: store, label: "replayed")
            store = try Store(directory: path)
            try phase(p[2]..<p[2], into: store, label: "reopened")
            try phase(p[2]..<scenario.batches.count, into: store, other, label: "appends after reopening, through both stores")
            // The first snapshot again, after the replay dropped every chunk it had: its own
            // links keep them, and the restore catches up with everything logged since.
            _ = try other.restoreSnapshot(name: "model")
            try phase(0..<0, into: store, other, label: "the first snapshot restored again")
            try store.deleteSnapshot(name: "model")
            try phase(0..<0, into: store, other, label: "the snapshot deleted")
        } catch let m as Mismatch {
            throw Mismatch(
                description:
                    "\(m)\nbatches appended (phases start at \(scenario.phases.map { $0 + 1 })):\n\(describe(scenario.batches[..<min(appended + 1, scenario.batches.count)]))"
            )
        }
        let chunks = (try? FileManager.default.contentsOfDirectory(atPath: path + "/projection/chunks")) ?? []
        return chunks.contains { $0.hasSuffix(".vtch") || $0.hasSuffix(".vseg") }
    }

    // MARK: Tests

    /// Shrinking is off: every attempt replays a whole scenario against a store on disk; the
    /// failure report lists the batches appended up to the mismatch instead. For a longer
    /// soak, set `VINTAGE_MODEL_CASES` (default 30) and `VINTAGE_MODEL_LENGTH` (most
    /// candidate events per case, default 60).
    @Test(.shrinking(false)) func theStoreAnswersLikeTheModelThroughEveryPhase() async {
        var compacted = 0, cases = 0, failed = false
        let count = ProcessInfo.processInfo.environment["VINTAGE_MODEL_CASES"].flatMap { Int($0) } ?? 30
        await propertyCheck(
            count: count,
            input: Gen.uint64(in: 0...UInt64.max).array(
                of: 1...(ProcessInfo.processInfo.environment["VINTAGE_MODEL_LENGTH"].flatMap { Int($0) } ?? 60)), Gen.uint64(in: 0...UInt64.max)
        ) { codes, seed in
            let scenario = Self.scenario(codes: codes, seed: seed)
            cases += 1
            do {
                if try Self.run(scenario, seed: seed) { compacted += 1 }
            } catch {
                failed = true
                Issue.record("\(error)")
            }
        }
        // Nearly every case pushes the big series past the head limit.
        #expect(failed || compacted * 2 >= cases, "\(compacted) of \(cases) cases compacted a series into chunks")
    }

    /// The same with one series holding more than one chunk's worth of rows (several chunks,
    /// so that compaction must place head rows into the right one, and queries prune).
    @Test(.shrinking(false)) func theStoreAnswersLikeTheModelWithSeveralChunks() async {
        await propertyCheck(count: 2, input: Gen.uint64(in: 0...UInt64.max).array(of: 30...60), Gen.uint64(in: 0...UInt64.max)) { codes, seed in
            let scenario = Self.scenario(codes: codes, seed: seed, bulkRows: 4_500...5_000)
            do {
                #expect(try Self.run(scenario, seed: seed))
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    /// The generated scenarios exercise what the test is about.
    @Test func generatedScenariosCoverEveryKindOfEvent() {
        var rng = SplitMix64(state: 7)
        var counts: [String: Int] = [:]
        for _ in 0..<25 {
            let scenario = Self.scenario(codes: (0..<50).map { _ in rng.next() }, seed: rng.next())
            var model = Model()
            var retracted: Set<EventID> = []
            var seen: [Model.Key: Set<Double>] = [:]
            var releases: [String: Set<Int64>] = [:]
            for batch in scenario.batches {
                if batch.poison != nil { counts["refused batch", default: 0] += 1 }
                if batch.items.count > Projection.headRowLimit { counts["bulk", default: 0] += 1 }
                if batch.asNDJSON { counts["ndjson", default: 0] += 1 }
                for item in batch.items {
                    if item.isDuplicate { counts["duplicate", default: 0] += 1; continue }
                    switch item.event {
                    case .correction(let c):
                        counts["correction of \(c.replacement.type)", default: 0] += 1
                        if retracted.contains(c.target) { counts["correction after retraction", default: 0] += 1 }
                        retracted.remove(c.target)
                    case .retraction(let r):
                        counts["retraction", default: 0] += 1
                        retracted.insert(r.target)
                    default:
                        counts[item.event.type.rawValue, default: 0] += 1
                        if case .release(let r) = item.event, r.entries.contains(where: { $0.status != nil }) {
                            counts["entry status", default: 0] += 1
                        }
                        if case .announcement(let a) = item.event, a.step == nil, a.effective != nil { counts["effective alone", default: 0] += 1 }
                        if Model.figures(item.event).contains(where: { f in
                            let frequency = Model.frequency(of: f.series, in: model.liveDefinitions)
                            return frequency != nil && frequency != .irregular && frequency != .daily
                        }) {
                            counts["figure checked against its frequency", default: 0] += 1
                        }
                        for f in item.event.statedFigures {
                            if seen[Model.key(f)]?.contains(f.value) == true { counts["restatement", default: 0] += 1 }
                            seen[Model.key(f), default: []].insert(f.value)
                            let point = "\(f.series) \(f.period.start.microseconds)"
                            if let held = releases[point], held.contains(where: { $0 < f.releasedAt.microseconds }) {
                                counts["revision", default: 0] += 1
                            }
                            if seen.contains(where: {
                                $0.key.series == f.series && $0.key.validTime == f.period.start.microseconds
                                    && $0.key.releasedAt < f.releasedAt.microseconds && $0.value.contains(f.value)
                            }) {
                                counts["re-publication", default: 0] += 1
                            }
                            releases[point, default: []].insert(f.releasedAt.microseconds)
                        }
                    }
                    _ = model.append(item.event, id: item.id)
                }
                if let poison = batch.poison,
                    Model.figures(poison.event).contains(where: { f in
                        !Model.fits(f.period.start.microseconds, Model.frequency(of: f.series, in: model.liveDefinitions))
                    })
                {
                    counts["refused for its frequency", default: 0] += 1
                }
            }
        }
        for kind in [
            "series", "observation", "release", "announcement", "correction of observation", "correction of release",
            "correction of series", "correction of announcement", "retraction", "correction after retraction",
            "restatement", "revision", "re-publication", "duplicate", "refused batch", "bulk", "ndjson", "entry status",
            "effective alone", "figure checked against its frequency", "refused for its frequency"
        ] {
            #expect(counts[kind, default: 0] >= 5, "\(kind): \(counts[kind, default: 0])")
        }
    }
}
