import ArgumentParser
import Vintage

#if canImport(Glibc)
    import Glibc
#endif

/// `vintage demo`: a guided tour on the bundled sample data.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a small store from the bundled sample data and walk through it.",
        discussion: """
            Uses South Korea's January 2026 trade release and the US tariff announcements. \
            Builds the store in a new temporary directory (or in --store DIR, which must not \
            exist yet) and leaves it there for you to explore.
            """
    )

    @ParentCommand var root: VintageCommand

    func run() throws {
        let directory = try demoDirectory()
        let store = try Store(directory: directory, create: true)
        print("Vintage demo — store at \(directory)")

        try append("1. Append the sample: series definitions, January 2025 and 2026 figures, tariff announcements", SampleData.trade2026, to: store)
        try append("2. Append the same file again: every event is a duplicate, nothing new is stored", SampleData.trade2026, to: store)

        step("3. A restatement of an existing vintage with another value is rejected, and nothing changes")
        do {
            _ = try store.append(ndjson: Array(SampleData.conflicting.utf8))
        } catch {
            print("   rejected: \(error)")
        }

        try append("4. The publisher revises January's total on 15 February: a second vintage", SampleData.revision, to: store)
        try append(
            "5. We typed 60e9 for autos; a correction restates the whole release (the original stays in the log)", SampleData.correction, to: store)

        step("6. The log: every event with its seq, id and recording time")
        var table = RowTable(columns: ["seq", "id", "type", "event"])
        for event in try store.events() {
            let text = String(decoding: event.body, as: UTF8.self)
            table.append([
                .integer(event.seq), .text(event.id.rawValue), .text(event.type.rawValue),
                .text(text.count > 90 ? String(text.prefix(87)) + "..." : text)
            ])
        }
        table.print(.table)

        let total = try SeriesID("kr.exports.total"), autos = try SeriesID("kr.exports.autos")
        let january = try Period("2026-01").start.microseconds
        step("7. Query: January's total export figure now (the revision of 15 February)")
        points(try store.points(of: [total], PointQuery(from: january)))

        step("8. What was known on 10 February (--as-of 2026-02-10): the first release")
        points(try store.points(of: [total], PointQuery(from: january, asOf: try Period("2026-02-11").start.microseconds - 1)))

        step("9. Revisions of January's total: first release, latest value and the revision between them (vintage revisions)")
        let revisions = try store.revisions(of: total, PointQuery(from: january))
        var revisionTable = RowTable(columns: ["time", "first_value", "latest_value", "revisions", "revision", "revision_pct"])
        for p in revisions.periods {
            revisionTable.append([
                .time(Timestamp(microseconds: p.validTime)), .number(p.firstValue), .number(p.latestValue),
                .integer(Int64(p.revisions)), .finite(p.revision), .finite(p.revisionPercent)
            ])
        }
        revisionTable.print(.table)

        step("10. History of January's autos: the corrected vintage, with the original value and the correction")
        var history = RowTable(columns: ["released_at", "seq", "value", "original_value", "correction"])
        for e in try store.history(of: autos, validTime: january) {
            history.append([
                .time(Timestamp(microseconds: e.releasedAt)), .integer(e.seq), .number(e.value),
                e.correction?.originalValue.map(Cell.number) ?? .empty,
                e.correction.map { .text($0.correction.rawValue) } ?? .empty
            ])
        }
        history.print(.table)

        let beforeCorrection = try store.lastSeq() - 1
        step("11. The store before we fixed the typo (--at-seq \(beforeCorrection)): autos still show 60e9")
        points(try store.points(of: [autos], PointQuery(from: january, atSeq: beforeCorrection)))

        step("12. Year on year as known on 10 February (--transform yoy --as-of 2026-02-10): the ministry's +33.9%, +102.7%, +21.7%")
        let tenFebruary = try Period("2026-02-11").start.microseconds - 1
        let yoy = try store.query(
            where: TagFilter(["country": "KR"]), AnalyticQuery(points: PointQuery(from: january, asOf: tenFebruary), transform: .yoy))
        if case let .points(rows) = yoy { points(rows) }

        step("13. The tariff timeline: when each US announcement on Korea was made and took effect (vintage announcements)")
        var timeline = RowTable(columns: ["released_at", "effective", "title", "value"])
        for a in try store.announcements(AnnouncementQuery(party: "KR")) {
            timeline.append([
                .time(Timestamp(microseconds: a.releasedAt)), a.effective.map { .time(Timestamp(microseconds: $0)) } ?? .empty,
                .text(a.title), a.value.map(Cell.number) ?? .empty
            ])
        }
        timeline.print(.table)

        step("14. A snapshot of the projection, then a replay of the whole log: same answers")
        let snapshot = try store.createSnapshot(name: "demo")
        print("   snapshot '\(snapshot.name)' at seq \(snapshot.logSeq)")
        let replay = try store.replay()
        print("   replayed \(replay.events) events")
        points(try store.points(of: [total, autos], PointQuery(from: january)))

        step("15. Verify: checksums, the hash chain, and the projection against a fresh fold of the log")
        let verification = try store.verify()
        print(
            verification.isIntact
                ? "   ok: \(verification.log.eventsChecked) events intact; projection agrees with the log"
                : verification.problems.joined(separator: "\n"))

        step("16. A chart of January's total with its revision fan and the tariff steps (vintage chart --vintages all --announcements --svg)")
        print("   wrote \(try writeChart(of: store, storeDirectory: directory))")

        print("\nExplore it: vintage --store \(directory) query --where country=KR")
    }

    private func points(_ results: [SeriesPoints]) {
        var table = RowTable(columns: ["series", "time", "value", "released_at", "seq"])
        for r in results {
            for p in r.points {
                table.append([
                    .text(r.series.rawValue), .time(Timestamp(microseconds: p.validTime)), .number(p.value),
                    .time(Timestamp(microseconds: p.releasedAt)), .integer(p.seq)
                ])
            }
        }
        table.print(.table)
    }

    private func step(_ title: String) { print("\n" + title) }

    /// A step that appends `ndjson` to `store` and reports what was stored.
    private func append(_ title: String, _ ndjson: String, to store: Store) throws {
        step(title)
        let outcome = try store.append(ndjson: Array(ndjson.utf8))
        let range = outcome.seqRange.map { $0.count == 1 ? " (seq \($0.lowerBound))" : " (seq \($0.lowerBound)–\($0.upperBound))" } ?? ""
        print("   stored \(outcome.stored)\(range), duplicates \(outcome.duplicates)")
    }

    private func demoDirectory() throws -> String {
        if let chosen = root.store {
            var info = stat()
            if stat(chosen, &info) == 0 { throw UserError("--store \(chosen) already exists; the demo builds a new store") }
            return chosen
        }
        var template = Array("/tmp/vintage-demo-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw UserError("cannot create a temporary directory for the demo")
        }
        return String(cString: made)
    }
}
