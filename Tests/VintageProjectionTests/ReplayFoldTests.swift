import PropertyBased
import Testing
import VintageCore
import VintageTestSupport

@testable import VintageFolds
@testable import VintageProjection

/// ``ReplayFold`` against ``VintageFold``: after the same events, every series' finished rows
/// are the fold's rows, correction notes included, sorted by key. Checked on the valid logs of
/// ``FoldModelTests`` (small spaces, frequent collisions, corrections after retractions) and on
/// wider random logs that need not be valid (more series and periods out of order, large
/// releases, restatements with other values, corrections of corrections, unknown targets,
/// reused and Unicode-equivalent ids), where the two must agree all the same.
@Suite struct ReplayFoldTests {
    typealias Rows = [SeriesID: [VintageRow]]

    /// VintageFold's rows of every series that has any, sorted by key.
    static func foldRows(_ log: [SequencedEvent]) -> Rows {
        var fold = VintageFold()
        for e in log { fold.apply(e.event, id: e.id, seq: e.seq) }
        var rows: Rows = [:]
        for series in fold.seriesIDs where !fold.rows(of: series).isEmpty {
            rows[series] = fold.rows(of: series).sorted { $0.key < $1.key }
        }
        return rows
    }

    static func replayRows(_ log: [SequencedEvent]) -> Rows {
        var fold = ReplayFold()
        for e in log { fold.apply(e.event, id: e.id, seq: e.seq) }
        return fold.finish()
    }

    /// How `actual` differs from `expected`, one line per series that differs (rows of a series
    /// have distinct keys, so sorted by key each side has one order), and any series whose
    /// rows are not strictly increasing by key. Rows compare exactly: values bit for bit,
    /// statuses and note ids byte for byte (`==` would take `0.0` for `-0.0` and a status for
    /// a canonically equivalent spelling).
    static func differences(_ actual: Rows, _ expected: Rows) -> [String] {
        var found: [String] = []
        for series in Set(actual.keys).union(expected.keys).sorted() {
            let a = actual[series] ?? [], e = expected[series] ?? []
            if a.count > 1, zip(a, a.dropFirst()).contains(where: { !($0.key < $1.key) }) {
                found.append("\(series): rows not strictly increasing by key")
            }
            if a.map(exact) != e.map(exact) {
                found.append("\(series):\n  replay: \(a.map(describe))\n  fold:   \(e.map(describe))")
            }
        }
        return found
    }

    /// A row as bytes and bits.
    static func exact(_ r: VintageRow) -> [UInt64] {
        var fields = [
            UInt64(bitPattern: r.validTime), UInt64(bitPattern: r.releasedAt), r.value.bitPattern, UInt64(bitPattern: r.seq),
            UInt64(bitPattern: r.visibleFrom), UInt64(bitPattern: r.visibleUntil)
        ]
        fields.append(r.status == nil ? 0 : 1)
        fields += (r.status ?? "").utf8.map(UInt64.init) + [.max]
        if let note = r.correction {
            fields +=
                [1] + note.correction.rawValue.utf8.map(UInt64.init) + [.max, note.originalValue?.bitPattern ?? 0, note.originalValue == nil ? 0 : 1]
        }
        return fields
    }

    static func describe(_ r: VintageRow) -> String {
        let note = r.correction.map { " note(\($0.correction) \($0.originalValue.map { "\($0)" } ?? "-"))" } ?? ""
        let until = r.visibleUntil == .max ? "" : "..<\(r.visibleUntil)"
        return "(\(r.validTime) \(r.releasedAt) \(r.value) seq \(r.seq) from \(r.visibleFrom)\(until) \(r.status ?? "-")\(note))"
    }

    static func show(_ log: [SequencedEvent]) -> String {
        log.map { "\($0.seq) \($0.id) \($0.event)" }.joined(separator: "\n")
    }

    // MARK: Properties

    @Test func finishedRowsEqualTheFoldsOnValidLogs() async {
        await propertyCheck(count: 600, input: Gen.uint64(in: 0...UInt64.max).array(of: 1...50)) { codes in
            let log = FoldModelTests.validLog(codes)
            let differences = Self.differences(Self.replayRows(log), Self.foldRows(log))
            #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))\nlog:\n\(Self.show(log))")
        }
    }

    @Test func finishedRowsEqualTheFoldsOnWideLogs() async {
        await propertyCheck(count: 400, input: Gen.uint64(in: 0...UInt64.max), Gen.int(in: 1...300)) { seed, count in
            let log = Self.wideLog(seed: seed, count: count)
            let differences = Self.differences(Self.replayRows(log), Self.foldRows(log))
            #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))\nlog:\n\(Self.show(log))")
        }
    }

    /// A log folded in consecutive seq ranges, each range into its own fold, the folds
    /// appended in order: the same rows as one fold of the whole log.
    @Test func foldsOfConsecutiveRangesAppendToTheFoldOfTheWhole() async {
        await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max), Gen.int(in: 1...200), Gen.int(in: 1...4)) { seed, count, parts in
            let log = Self.wideLog(seed: seed, count: count)
            var rng = SplitMix64(state: seed ^ 0x5EED)
            let cuts = ((0..<(parts - 1)).map { _ in Int(rng.next() % UInt64(log.count + 1)) } + [0, log.count]).sorted()
            var whole = ReplayFold()
            for (start, end) in zip(cuts, cuts.dropFirst()) {
                var part = ReplayFold()
                for e in log[start..<end] { part.apply(e.event, id: e.id, seq: e.seq) }
                whole.append(part)
            }
            #expect(whole.lastSeq == log.last!.seq && whole.firstSeq == 1)
            let differences = Self.differences(whole.finish(), Self.foldRows(log))
            #expect(differences.isEmpty, "cut at \(cuts)\n\(differences.joined(separator: "\n"))\nlog:\n\(Self.show(log))")
        }
    }

    /// What a projection rebuild needs besides the rows: the live statements no row shows
    /// (as a multiset: VintageFold lists them in dictionary order) and each correction's
    /// target, as VintageFold has them.
    @Test func unshownStatementsAndTargetsForARebuild() async {
        await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max), Gen.int(in: 1...200)) { seed, count in
            let log = Self.wideLog(seed: seed, count: count)
            var fold = VintageFold()
            var replay = ReplayFold()
            var targets: [[Int64]] = []
            for e in log {
                switch e.event {
                case .correction(let c): if let t = fold.ownerSeq(of: c.target) { targets.append([e.seq, t]) }
                case .retraction(let r): if let t = fold.ownerSeq(of: r.target) { targets.append([e.seq, t]) }
                default: break
                }
                fold.apply(e.event, id: e.id, seq: e.seq)
                replay.apply(e.event, id: e.id, seq: e.seq)
            }
            let outcome = replay.finishForRebuild()
            #expect(outcome.targets.map { [$0.correction, $0.target] } == targets)
            let expected = fold.allUnshownStatements()
            func exact(_ s: SlotStatement) -> [UInt64] {
                Self.exact(
                    VintageRow(
                        validTime: s.validTime, releasedAt: s.releasedAt, value: s.value, seq: s.seq, visibleFrom: s.owner,
                        status: s.status, correction: s.note))
            }
            func lexicographic(_ a: [UInt64], _ b: [UInt64]) -> Bool { a.lexicographicallyPrecedes(b) }
            for series in Set(expected.keys).union(outcome.unshown.keys) {
                let a = (outcome.unshown[series] ?? []).map(exact).sorted(by: lexicographic)
                let e = (expected[series] ?? []).map(exact).sorted(by: lexicographic)
                #expect(a == e, "unshown statements of \(series)\nlog:\n\(Self.show(log))")
            }
            #expect(outcome.rows.mapValues { $0.map(Self.exact) } == Self.foldRows(log).mapValues { $0.map(Self.exact) })
        }
    }

    /// Events applied as the canonical JSON the log stores (observations and releases read
    /// straight from the bytes), or some as bytes and some as events: the same rows.
    @Test func eventsAppliedAsCanonicalJSONGiveTheSameRows() async throws {
        await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max), Gen.int(in: 1...200)) { seed, count in
            let log = Self.wideLog(seed: seed, count: count)
            var rng = SplitMix64(state: seed ^ 0xB17E5)
            var fold = ReplayFold()
            for e in log {
                if rng.next() % 4 == 0 {
                    fold.apply(e.event, id: e.id, seq: e.seq)
                } else {
                    do { try fold.apply(canonicalJSON: e.event.canonicalJSON, id: e.id, seq: e.seq) } catch { Issue.record("\(error)") }
                }
            }
            let differences = Self.differences(fold.finish(), Self.foldRows(log))
            #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))\nlog:\n\(Self.show(log))")
        }
    }

    /// Values read from canonical bytes are the decoder's, bit for bit: random finite doubles,
    /// and decimals of up to 20 digits with exponents around the fast path's bounds.
    @Test func valuesReadFromCanonicalJSONAreTheDecoders() async throws {
        await propertyCheck(count: 2000, input: Gen.uint64(in: 0...UInt64.max), Gen.int(in: 0...20), Gen.int(in: -30...30)) {
            bits, digits, exponent in
            var value = Double(bitPattern: bits)
            if !value.isFinite || bits % 3 == 0 {
                // A decimal: the last `digits` digits of `bits`, scaled by 10^exponent.
                var modulus: UInt64 = 1
                for _ in 0..<min(digits, 19) { modulus *= 10 }
                let mantissa = digits >= 20 ? bits : bits % modulus
                value = (Double("\(mantissa)e\(exponent)") ?? 0) * (bits & 1 == 0 ? 1 : -1)
            }
            guard value.isFinite else { return }
            let event = Event.observation(
                Observation(
                    series: SeriesID(unchecked: "a.x"), period: try! Period("2026-01"), value: value,
                    releasedAt: Timestamp(microseconds: 0)))
            let body = event.canonicalJSON
            var fold = ReplayFold()
            do { try fold.apply(canonicalJSON: body, id: EventID(unchecked: "e"), seq: 1) } catch { Issue.record("\(error)"); return }
            guard case .observation(let decoded) = try? Event(canonicalJSON: body) else { Issue.record("not decoded"); return }
            let read = fold.finish()[SeriesID(unchecked: "a.x")]?.first?.value
            #expect(read?.bitPattern == decoded.value.bitPattern, "\(String(decoding: body, as: UTF8.self))")
        }
    }

    /// Bodies the decoder rejects are rejected, and change nothing; bodies beyond the plain
    /// canonical layout (escapes, non-ASCII, other event types) are applied by the decoder.
    @Test func canonicalJSONOutsideThePlainLayout() throws {
        let rejected = [
            #"{"type":"observation","series":"A!","period":"2026-01","value":1,"released_at":"2026-02-01T00:00:00Z"}"#,
            #"{"type":"observation","series":"a.x","period":"2026-13","value":1,"released_at":"2026-02-01T00:00:00Z"}"#,
            #"{"type":"observation","series":"a.x","period":"2026-01","value":1e999,"released_at":"2026-02-01T00:00:00Z"}"#,
            #"{"type":"observation","series":"a.x","period":"2026-01","value":01,"released_at":"2026-02-01T00:00:00Z"}"#,
            #"{"type":"observation","series":"a.x","period":"2026-01","value":1,"released_at":"2026-02-31T00:00:00Z"}"#,
            #"{"type":"observation","series":"a.x","period":"2026-01","value":1,"released_at":"2026-02-01T00:00:00Z"}x"#,
            #"{"type":"release","released_at":"2026-02-01T00:00:00Z","observations":[]}"#,
            #"{"type":"release","released_at":"2026-02-01T00:00:00Z","observations":[{"series":"a.x","period":"2026-01","value":1}]},"#,
            #"{"type":"release","released_at":"2026-02-01T00:00:00Z","observations":[{"series":"a.x","period":"2026-01","value":1},{"series":"b..","period":"x","value":2}]}"#
        ]
        var fold = ReplayFold()
        for body in rejected {
            #expect(throws: EventInputError.self, "\(body)") { try fold.apply(canonicalJSON: Array(body.utf8), id: EventID(unchecked: "e"), seq: 1) }
        }
        #expect(fold.lastSeq == 0)
        #expect(fold.finish().isEmpty)

        let applied = try logged(
            #"""
            {"type":"series","series":"a.x"}
            {"type":"observation","series":"a.x","period":"2026-01","value":1.5,"released_at":"2026-02-01T00:00:00Z","source":"say \"hi\"","status":"r\u00e9vis\u00e9"}
            {"type":"observation","series":"a.x","period":"2026-02","value":-0,"released_at":"2026-02-01T00:00:00+09:00","status":"tab\there"}
            {"type":"release","released_at":"2026-03-01T00:00:00Z","title":"Côte d'Ivoire","observations":[{"series":"a.x","period":"2026-M03","value":3e-7}]}
            {"type":"announcement","released_at":"2026-01-26T22:00:00Z","kind":"tariff","title":"T","series":"a.x","effective":"2026-04-01","value":25}
            {"id":"x","type":"observation","series":"a.x","period":"2026-05","value":5,"released_at":"2026-06-01T00:00:00Z"}
            {"type":"retraction","target":"x"}
            """#)
        var canonical = ReplayFold()
        for e in applied { try canonical.apply(canonicalJSON: e.event.canonicalJSON, id: e.id, seq: e.seq) }
        let rows = canonical.finish()
        #expect(Self.differences(rows, Self.foldRows(applied)).isEmpty)
        #expect(rows[SeriesID(unchecked: "a.x")]?.count == 5, "four points, and the retracted one ended")
    }

    /// The wide logs exercise what the replay's two paths are about.
    @Test func wideLogsCoverBothPaths() {
        var rng = SplitMix64(state: 7)
        var counts: [String: Int] = [:]
        for _ in 0..<100 {
            let log = Self.wideLog(seed: rng.next(), count: 200)
            let fold = Self.foldRows(log)
            for e in log { counts[e.event.type.rawValue, default: 0] += 1 }
            for rows in fold.values {
                for r in rows {
                    if r.correction != nil { counts["noted row", default: 0] += 1 }
                    if !r.isCurrent { counts["ended row", default: 0] += 1 }
                    if r.seq != r.visibleFrom { counts["row restarted with an earlier statement", default: 0] += 1 }
                }
                if zip(rows, rows.dropFirst()).contains(where: { $0.validTime == $1.validTime && $0.releasedAt == $1.releasedAt }) {
                    counts["key with several rows", default: 0] += 1
                }
            }
            if log.contains(where: { $0.id.rawValue.unicodeScalars.contains { $0.value > 0x7F } }) { counts["non-ASCII id", default: 0] += 1 }
        }
        for kind in [
            "series", "observation", "release", "announcement", "correction", "retraction", "noted row", "ended row",
            "row restarted with an earlier statement", "key with several rows", "non-ASCII id"
        ] {
            #expect(counts[kind, default: 0] >= 20, "\(kind): \(counts[kind, default: 0])")
        }
        #expect("\u{212A}" == "K", "the Kelvin sign and K are canonically equivalent, as the wide logs' ids assume")
    }

    // MARK: The test can fail

    /// A replay that skipped the exact fold of corrected keys (the fast path alone: the fold
    /// of the log without its corrections and retractions) is caught on most logs with
    /// corrections.
    @Test func aReplayIgnoringCorrectionsIsCaught() {
        var rng = SplitMix64(state: 11)
        var withOverrides = 0, caught = 0
        for _ in 0..<200 {
            let log = FoldModelTests.validLog((0..<40).map { _ in rng.next() })
            let originals = log.filter { $0.event.type != .correction && $0.event.type != .retraction }
            guard originals.count < log.count else { continue }
            withOverrides += 1
            if !Self.differences(Self.replayRows(originals), Self.foldRows(log)).isEmpty { caught += 1 }
        }
        #expect(withOverrides >= 100)
        #expect(caught * 10 >= withOverrides * 8, "caught \(caught) of \(withOverrides)")
    }

    /// Every field of a row, and a missing or extra row, makes a difference.
    @Test func everyMutationOfARowIsADifference() throws {
        let log = try logged(
            """
            {"type":"series","series":"a.x"}
            {"id":"r1","type":"release","released_at":"2026-02-01T00:00:00Z","status":"p","observations":[{"series":"a.x","period":"2026-01","value":1},{"series":"a.x","period":"2025-12","value":2}]}
            {"type":"observation","series":"a.x","period":"2026-01","value":1,"released_at":"2026-02-01T00:00:00Z"}
            {"type":"correction","target":"r1","replacement":{"type":"release","released_at":"2026-02-01T00:00:00Z","observations":[{"series":"a.x","period":"2026-01","value":1},{"series":"a.x","period":"2025-12","value":3}]}}
            """)
        let expected = Self.foldRows(log)
        #expect(Self.differences(Self.replayRows(log), expected).isEmpty)
        let series = SeriesID(unchecked: "a.x")
        let rows = try #require(expected[series])
        #expect(rows.contains { $0.correction != nil } && rows.contains { !$0.isCurrent })
        let mutations: [(String, ([VintageRow]) -> [VintageRow])] = [
            (
                "value",
                {
                    var r = $0; r[0].value = -r[0].value; return r
                }
            ),
            (
                "seq",
                {
                    var r = $0; r[0].seq += 1; return r
                }
            ),
            (
                "visibleFrom",
                {
                    var r = $0; r[0].visibleFrom += 1; return r
                }
            ),
            (
                "visibleUntil",
                {
                    var r = $0; let i = r.firstIndex { !$0.isCurrent }!; r[i].visibleUntil = .max; return r
                }
            ),
            (
                "status",
                {
                    var r = $0; r[0].status = r[0].status == nil ? "x" : nil; return r
                }
            ),
            (
                "note",
                {
                    var r = $0; let i = r.firstIndex { $0.correction != nil }!; r[i].correction!.originalValue = nil; return r
                }
            ),
            (
                "note dropped",
                {
                    var r = $0; let i = r.firstIndex { $0.correction != nil }!; r[i].correction = nil; return r
                }
            ),
            ("row dropped", { Array($0.dropLast()) }),
            ("row doubled", { $0 + [$0[0]] }),
            ("order", { $0.reversed() })
        ]
        for (what, mutate) in mutations {
            var mutated = expected
            mutated[series] = mutate(rows)
            #expect(!Self.differences(mutated, expected).isEmpty, "\(what)")
        }
        // Differences `==` does not see: the sign of zero, a status's spelling.
        var a = expected, b = expected
        a[series]![0].value = 0.0
        b[series]![0].value = -0.0
        a[series]![0].status = "r\u{E9}vis\u{E9}"
        b[series]![0].status = "re\u{301}vise\u{301}"
        #expect(a == b)
        b[series]![0].status = a[series]![0].status
        #expect(!Self.differences(b, a).isEmpty, "sign of zero")
        b[series]![0].value = 0.0
        b[series]![0].status = "re\u{301}vise\u{301}"
        #expect(!Self.differences(b, a).isEmpty, "status spelling")
    }

    // MARK: Examples

    @Test func cleanRestatedAndCorrectedKeys() throws {
        let log = try logged(
            """
            {"type":"series","series":"a.x"}
            {"type":"series","series":"b.y"}
            {"type":"observation","series":"a.x","period":"2026-03","value":3,"released_at":"2026-04-01T00:00:00Z","status":"p"}
            {"type":"observation","series":"a.x","period":"2026-01","value":1,"released_at":"2026-02-01T00:00:00Z"}
            {"type":"observation","series":"a.x","period":"2026-M01","value":1,"released_at":"2026-02-01T09:00:00+09:00","status":"f"}
            {"id":"o2","type":"observation","series":"a.x","period":"2026-02","value":9,"released_at":"2026-03-01T00:00:00Z"}
            {"type":"correction","target":"o2","replacement":{"type":"observation","series":"a.x","period":"2026-02","value":2,"released_at":"2026-03-01T00:00:00Z"}}
            """)
        let rows = Self.replayRows(log)
        #expect(rows.keys.map(\.rawValue) == ["a.x"], "a series only defined has no rows")
        #expect(Self.differences(rows, Self.foldRows(log)).isEmpty)
        let a = rows[SeriesID(unchecked: "a.x")] ?? []
        #expect(a.map(\.validTime) == [p("2026-01"), p("2026-02"), p("2026-02"), p("2026-03")])
        #expect(a[0].seq == 4 && a[0].status == nil, "a same-value restatement keeps the first statement's seq and status")
        #expect(a[1].visibleUntil == 7 && a[2].correction?.originalValue == 9 && a[2].seq == 7)
    }
}
