import Testing
import VintageCore
import VintageFolds
import VintageProjection
import VintageTestSupport

/// The fold's rules, one small hand-written log each.
@Suite struct VintageFoldTests {
    static let define = #"{"type":"series","series":"kr.x","unit":"USD","frequency":"monthly"}"#
    let x = s("kr.x")

    @Test func aRevisionIsAnotherVintageAndBothStayQueryable() throws {
        let f = try fold(
            """
            \(Self.define)
            {"type":"observation","series":"kr.x","period":"2026-01","value":65.8,"released_at":"2026-02-01T00:00:00Z","status":"preliminary"}
            {"type":"observation","series":"kr.x","period":"2026-M01","value":66.1,"released_at":"2026-03-01T00:00:00Z","status":"final"}
            """)
        #expect(f.points(of: x).map(\.value) == [66.1])
        #expect(f.points(of: x).map(\.seq) == [3])
        #expect(f.points(of: x, PointQuery(asOf: t("2026-02-28T23:59:59Z"))).map(\.value) == [65.8])
        #expect(f.points(of: x, PointQuery(asOf: t("2026-01-31T23:59:59Z"))).isEmpty)
        #expect(f.points(of: x, PointQuery(firstRelease: true)).map(\.value) == [65.8])
        #expect(f.points(of: x, PointQuery(atSeq: 2)).map(\.value) == [65.8])
        #expect(
            f.history(of: x, validTime: p("2026-01")).map { "\($0.value)@\($0.seq) \($0.status ?? "-")" }
                == ["65.8@2 preliminary", "66.1@3 final"])
        #expect(f.catalog().map { [$0.points, $0.vintages] } == [[1, 2]])
    }

    @Test func aRestatementWithTheSameValueKeepsTheFirstSeqAndStatusAndAddsNoVintage() throws {
        let f = try fold(
            """
            \(Self.define)
            {"type":"observation","series":"kr.x","period":"2026-01","value":5,"released_at":"2026-02-01T00:00:00Z","status":"preliminary"}
            {"type":"release","released_at":"2026-02-01T09:00:00+09:00","status":"final","observations":[{"series":"kr.x","period":"2026-01-01","value":5}]}
            """)
        #expect(
            f.points(of: x) == [VintagePoint(validTime: p("2026-01"), value: 5, releasedAt: t("2026-02-01T00:00:00Z"), seq: 2, status: "preliminary")]
        )
        #expect(f.rows(of: x).count == 1)
        #expect(f.catalog().map(\.vintages) == [1])
    }

    @Test func aCorrectionReplacesTheOriginalInEveryViewFromItsSeqIncludingAsOfViews() throws {
        let events = try logged(
            """
            \(Self.define)
            {"type":"observation","id":"o1","series":"kr.x","period":"2026-01","value":60,"released_at":"2026-02-01T00:00:00Z"}
            {"type":"observation","series":"kr.x","period":"2026-01","value":61,"released_at":"2026-03-01T00:00:00Z"}
            {"type":"correction","id":"c1","target":"o1","reason":"typo","replacement":{"type":"observation","series":"kr.x","period":"2026-01","value":6,"released_at":"2026-02-01T00:00:00Z"}}
            """)
        var f = VintageFold()
        for e in events { f.apply(e.event, id: e.id, seq: e.seq) }
        let asOfFebruary = t("2026-02-15T00:00:00Z")
        #expect(f.points(of: x, PointQuery(asOf: asOfFebruary)).map { [$0.value, Double($0.seq)] } == [[6, 4]])
        #expect(f.points(of: x, PointQuery(firstRelease: true)).map { [$0.value, Double($0.seq)] } == [[6, 4]])
        #expect(f.points(of: x).map(\.value) == [61])
        // Views at a position before the correction still show the original.
        #expect(f.points(of: x, PointQuery(asOf: asOfFebruary, atSeq: 3)).map { [$0.value, Double($0.seq)] } == [[60, 2]])
        #expect(f.points(of: x, PointQuery(asOf: asOfFebruary, atSeq: 4)).map(\.value) == [6])
        let history = f.history(of: x, validTime: p("2026-01"))
        #expect(history.map(\.value) == [6, 61])
        #expect(history[0].correction == CorrectionNote(correction: EventID(unchecked: "c1"), originalValue: 60))
        #expect(history[0].seq == 4)
        #expect(history[1].correction == nil)
        #expect(f.history(of: x, validTime: p("2026-01"), atSeq: 3).map(\.value) == [60, 61])
    }

    @Test func aCorrectionCanMoveAFigureToAnotherPeriod() throws {
        let f = try fold(
            """
            \(Self.define)
            {"type":"observation","id":"o1","series":"kr.x","period":"2026-02","value":7,"released_at":"2026-03-01T00:00:00Z"}
            {"type":"correction","id":"c1","target":"o1","replacement":{"type":"observation","series":"kr.x","period":"2026-01","value":7,"released_at":"2026-03-01T00:00:00Z"}}
            """)
        #expect(f.points(of: x).map(\.validTime) == [p("2026-01")])
        #expect(f.points(of: x, PointQuery(atSeq: 2)).map(\.validTime) == [p("2026-02")])
        #expect(f.history(of: x, validTime: p("2026-02")).isEmpty)
        #expect(
            f.history(of: x, validTime: p("2026-01")).map(\.correction) == [CorrectionNote(correction: EventID(unchecked: "c1"), originalValue: 7)])
        #expect(f.catalog().map { [$0.points, $0.vintages] } == [[1, 1]])
    }

    @Test func aRetractionRemovesTheEventFromEveryViewFromItsSeq() throws {
        let f = try fold(
            """
            \(Self.define)
            {"type":"observation","id":"o1","series":"kr.x","period":"2026-01","value":1,"released_at":"2026-02-01T00:00:00Z"}
            {"type":"observation","series":"kr.x","period":"2026-01","value":2,"released_at":"2026-03-01T00:00:00Z"}
            {"type":"retraction","target":"o1","reason":"duplicate"}
            """)
        #expect(f.points(of: x, PointQuery(firstRelease: true)).map(\.value) == [2])
        #expect(f.points(of: x, PointQuery(asOf: t("2026-02-15T00:00:00Z"))).isEmpty)
        #expect(f.points(of: x, PointQuery(asOf: t("2026-02-15T00:00:00Z"), atSeq: 3)).map(\.value) == [1])
        #expect(f.history(of: x, validTime: p("2026-01")).map(\.value) == [2])
        #expect(f.catalog().map(\.vintages) == [1])
    }

    @Test func aCorrectionAfterARetractionBringsTheEventBackCorrected() throws {
        let f = try fold(
            """
            \(Self.define)
            {"type":"observation","id":"o1","series":"kr.x","period":"2026-01","value":1,"released_at":"2026-02-01T00:00:00Z"}
            {"type":"retraction","target":"o1"}
            {"type":"correction","id":"c1","target":"o1","replacement":{"type":"observation","series":"kr.x","period":"2026-01","value":9,"released_at":"2026-02-01T00:00:00Z"}}
            """)
        #expect(f.points(of: x).map { [$0.value, Double($0.seq)] } == [[9, 4]])
        #expect(f.points(of: x, PointQuery(atSeq: 3)).isEmpty)
        #expect(f.points(of: x, PointQuery(atSeq: 2)).map(\.value) == [1])
        #expect(
            f.history(of: x, validTime: p("2026-01")).map(\.correction) == [CorrectionNote(correction: EventID(unchecked: "c1"), originalValue: 1)])
    }

    @Test func whenTwoCorrectionsNameOneTargetTheLatestCounts() throws {
        let f = try fold(
            """
            \(Self.define)
            {"type":"observation","id":"o1","series":"kr.x","period":"2026-01","value":1,"released_at":"2026-02-01T00:00:00Z"}
            {"type":"correction","id":"c1","target":"o1","replacement":{"type":"observation","series":"kr.x","period":"2026-01","value":2,"released_at":"2026-02-01T00:00:00Z"}}
            {"type":"correction","id":"c2","target":"o1","replacement":{"type":"observation","series":"kr.x","period":"2026-01","value":3,"released_at":"2026-02-01T00:00:00Z"}}
            """)
        #expect(f.points(of: x).map { [$0.value, Double($0.seq)] } == [[3, 4]])
        #expect(f.points(of: x, PointQuery(atSeq: 3)).map { [$0.value, Double($0.seq)] } == [[2, 3]])
        #expect(f.points(of: x, PointQuery(atSeq: 2)).map { [$0.value, Double($0.seq)] } == [[1, 2]])
        // The original value is the event's as logged, not the first correction's.
        #expect(
            f.history(of: x, validTime: p("2026-01")).map(\.correction) == [CorrectionNote(correction: EventID(unchecked: "c2"), originalValue: 1)])
        #expect(f.rows(of: x).map(\.visibleUntil) == [3, 4, .max])
    }

    @Test func aReleaseCorrectionRestatesTheWholeRelease() throws {
        let y = s("kr.y")
        let f = try fold(
            """
            \(Self.define)
            {"type":"series","series":"kr.y"}
            {"type":"release","id":"r1","released_at":"2026-02-01T00:00:00Z","status":"preliminary","observations":[{"series":"kr.x","period":"2026-01","value":65.8},{"series":"kr.y","period":"2026-01","value":60}]}
            {"type":"correction","id":"c1","target":"r1","replacement":{"type":"release","released_at":"2026-02-01T00:00:00Z","status":"preliminary","observations":[{"series":"kr.x","period":"2026-01","value":65.8},{"series":"kr.y","period":"2026-01","value":6}]}}
            """)
        // Both figures are now shown by the correction, the unchanged one included.
        #expect(f.points(of: x).map { [$0.value, Double($0.seq)] } == [[65.8, 4]])
        #expect(f.points(of: y).map { [$0.value, Double($0.seq)] } == [[6, 4]])
        #expect(f.points(of: y).map(\.status) == ["preliminary"])
        #expect(f.points(of: y, PointQuery(atSeq: 3)).map { [$0.value, Double($0.seq)] } == [[60, 3]])
        #expect(
            f.history(of: y, validTime: p("2026-01")).map(\.correction) == [CorrectionNote(correction: EventID(unchecked: "c1"), originalValue: 60)])
        #expect(
            f.history(of: x, validTime: p("2026-01")).map(\.correction) == [CorrectionNote(correction: EventID(unchecked: "c1"), originalValue: 65.8)]
        )
    }

    @Test func announcementsWithARateMakeAStepSeries() throws {
        let rate = s("us.tariff.kr")
        let f = try fold(
            """
            {"type":"series","series":"us.tariff.kr","unit":"percent","frequency":"irregular"}
            {"type":"announcement","released_at":"2025-07-30T20:00:00Z","kind":"tariff","title":"15%","parties":["US","KR"],"effective":"2025-08-07","series":"us.tariff.kr","value":15}
            {"type":"announcement","released_at":"2026-01-26T22:00:00Z","kind":"tariff","title":"25%","parties":["US","KR"],"effective":"2026-02-01","series":"us.tariff.kr","value":25,"tags":{"topic":"autos"}}
            {"type":"announcement","released_at":"2026-01-27T10:00:00Z","kind":"statement","title":"talks","parties":["KR"]}
            """)
        #expect(f.points(of: rate).map(\.value) == [15, 25])
        #expect(f.points(of: rate, PointQuery(to: p("2026-03-02"), latestOnly: true)).map(\.value) == [25])
        #expect(f.points(of: rate, PointQuery(to: p("2026-01-31"), latestOnly: true)).map(\.value) == [15])
        #expect(f.points(of: rate, PointQuery(asOf: t("2026-01-25T00:00:00Z"), latestOnly: true)).map(\.value) == [15])
        #expect(f.points(of: rate, PointQuery(atSeq: 2)).map(\.value) == [15])
        #expect(f.points(of: rate).map(\.releasedAt) == [t("2025-07-30T20:00:00Z"), t("2026-01-26T22:00:00Z")])
        let all = f.announcements()
        #expect(all.map(\.title) == ["15%", "talks", "25%"])  // by valid time: effective, or when made
        #expect(all.map(\.seq) == [2, 4, 3])
        #expect(f.announcements(where: TagFilter(["topic": "autos"])).map(\.title) == ["25%"])
        #expect(f.announcements(party: "US").map(\.title) == ["15%", "25%"])
        #expect(f.announcements(asOf: t("2026-01-26T23:00:00Z")).map(\.title) == ["15%", "25%"])
        #expect(f.announcements(from: p("2026-01-01"), to: p("2026-02-01")).map(\.title) == ["talks"])
        #expect(f.announcements(atSeq: 3).map(\.title) == ["15%", "25%"])
    }

    @Test func announcementCorrectionsAndRetractionsChangeTheTimelineAndTheRate() throws {
        let rate = s("us.tariff.kr")
        let f = try fold(
            """
            {"type":"series","series":"us.tariff.kr"}
            {"type":"announcement","id":"a1","released_at":"2026-01-26T22:00:00Z","kind":"tariff","title":"25%","effective":"2026-02-01","series":"us.tariff.kr","value":25}
            {"type":"announcement","id":"a2","released_at":"2026-01-27T00:00:00Z","kind":"note","title":"note"}
            {"type":"correction","id":"c1","target":"a1","replacement":{"type":"announcement","released_at":"2026-01-26T22:00:00Z","kind":"tariff","title":"20%","effective":"2026-02-15","series":"us.tariff.kr","value":20}}
            {"type":"retraction","target":"a2"}
            """)
        #expect(f.announcements().map { "\($0.title)@\($0.seq) \($0.id) \($0.correction?.rawValue ?? "-")" } == ["20%@4 a1 c1"])
        #expect(f.announcements(atSeq: 3).map(\.title) == ["note", "25%"])
        #expect(f.announcements(atSeq: 4).map(\.title) == ["note", "20%"])
        #expect(f.points(of: rate).map { [Double($0.validTime), $0.value] } == [[Double(p("2026-02-15")), 20]])
        #expect(f.points(of: rate, PointQuery(atSeq: 3)).map(\.value) == [25])
    }

    @Test func retractingARestatementsFirstStatementLeavesTheVintageWithTheRemainingStatement() throws {
        let f = try fold(
            """
            \(Self.define)
            {"type":"observation","id":"o1","series":"kr.x","period":"2026-01","value":5,"released_at":"2026-02-01T00:00:00Z","status":"preliminary"}
            {"type":"observation","id":"o2","series":"kr.x","period":"2026-M01","value":5,"released_at":"2026-02-01T00:00:00Z","status":"final"}
            {"type":"retraction","target":"o1"}
            {"type":"retraction","target":"o2"}
            """)
        let shown = { (n: Int64) in f.points(of: x, PointQuery(atSeq: n)).map { "\($0.value)@\($0.seq) \($0.status ?? "-")" } }
        #expect(shown(2) == ["5.0@2 preliminary"])
        #expect(shown(3) == ["5.0@2 preliminary"])
        #expect(shown(4) == ["5.0@3 final"])
        #expect(shown(5) == [])
        #expect(f.points(of: x).isEmpty)
        #expect(f.rows(of: x).map { [$0.seq, $0.visibleFrom, $0.visibleUntil] } == [[2, 2, 4], [3, 4, 5]])
        #expect(f.catalog().map { [$0.points, $0.vintages] } == [[0, 0]])
        #expect(f.catalog(atSeq: 4).map { [$0.points, $0.vintages] } == [[1, 1]])
    }

    @Test func retractingALaterRestatementChangesNoRow() throws {
        let f = try fold(
            """
            \(Self.define)
            {"type":"observation","id":"o1","series":"kr.x","period":"2026-01","value":5,"released_at":"2026-02-01T00:00:00Z"}
            {"type":"observation","id":"o2","series":"kr.x","period":"2026-01","value":5,"released_at":"2026-02-01T00:00:00Z"}
            {"type":"retraction","target":"o2"}
            """)
        #expect(f.rows(of: x) == [VintageRow(validTime: p("2026-01"), releasedAt: t("2026-02-01T00:00:00Z"), value: 5, seq: 2, visibleFrom: 2)])
    }

    @Test func correctingTheFirstStatementOfARestatedVintageShowsTheEarliestRemainingStatement() throws {
        let f = try fold(
            """
            \(Self.define)
            {"type":"observation","id":"o1","series":"kr.x","period":"2026-01","value":5,"released_at":"2026-02-01T00:00:00Z","status":"a"}
            {"type":"observation","id":"o2","series":"kr.x","period":"2026-01","value":5,"released_at":"2026-02-01T00:00:00Z","status":"b"}
            {"type":"correction","id":"c1","target":"o1","replacement":{"type":"observation","series":"kr.x","period":"2026-01","value":5,"released_at":"2026-02-01T00:00:00Z","status":"c"}}
            """)
        #expect(f.points(of: x).map { "\($0.seq) \($0.status ?? "-")" } == ["3 b"])
        #expect(f.history(of: x, validTime: p("2026-01")).map(\.correction) == [nil])
    }
}

@Suite struct RowChangeTests {
    @Test func aJournalingFoldRecordsRowsStartedAndEndedInOrder() throws {
        var f = VintageFold(journalingChanges: true)
        for e in try logged(
            """
            {"type":"series","series":"kr.x"}
            {"type":"observation","id":"o1","series":"kr.x","period":"2026-01","value":1,"released_at":"2026-02-01T00:00:00Z"}
            {"type":"correction","id":"c1","target":"o1","replacement":{"type":"observation","series":"kr.x","period":"2026-01","value":2,"released_at":"2026-02-01T00:00:00Z"}}
            """)
        { f.apply(e.event, id: e.id, seq: e.seq) }
        let v = p("2026-01"), r = t("2026-02-01T00:00:00Z")
        #expect(
            f.takeChanges() == [
                .started(series: s("kr.x"), row: VintageRow(validTime: v, releasedAt: r, value: 1, seq: 2, visibleFrom: 2)),
                .ended(series: s("kr.x"), validTime: v, releasedAt: r, visibleFrom: 2, endedAt: 3),
                .started(
                    series: s("kr.x"),
                    row: VintageRow(
                        validTime: v, releasedAt: r, value: 2, seq: 3, visibleFrom: 3,
                        correction: CorrectionNote(correction: EventID(unchecked: "c1"), originalValue: 1)))
            ])
        #expect(f.takeChanges().isEmpty)
        var quiet = VintageFold()
        quiet.apply(.series(SeriesDefinition(series: s("kr.x"))), id: EventID(unchecked: "d"), seq: 1)
        quiet.apply(
            .observation(Observation(series: s("kr.x"), period: try Period("2026-01"), value: 1, releasedAt: Timestamp(microseconds: r))),
            id: EventID(unchecked: "o"), seq: 2)
        #expect(quiet.takeChanges().isEmpty)
        #expect(quiet.rows(of: s("kr.x")).count == 1)
    }
}
