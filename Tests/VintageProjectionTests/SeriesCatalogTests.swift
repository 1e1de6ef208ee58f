import Testing
import VintageCore
import VintageFolds
import VintageProjection

@Suite struct SeriesCatalogTests {
    @Test func laterDefinitionsUpdateTheFieldsTheyNameAndTagsAreReplacedAsAWhole() throws {
        let f = try fold(
            """
            {"type":"series","series":"kr.x","name":"Exports","unit":"USD","frequency":"monthly","tags":{"country":"KR","flow":"export"}}
            {"type":"series","series":"kr.x","unit":"KRW"}
            {"type":"series","series":"kr.x","tags":{"country":"KR"}}
            """)
        #expect(f.metadata(of: s("kr.x")) == SeriesMetadata(name: "Exports", unit: "KRW", frequency: .monthly, tags: ["country": "KR"]))
        #expect(
            f.metadata(of: s("kr.x"), atSeq: 2)
                == SeriesMetadata(name: "Exports", unit: "KRW", frequency: .monthly, tags: ["country": "KR", "flow": "export"]))
        #expect(f.metadata(of: s("kr.x"), atSeq: 1)?.unit == "USD")
        #expect(f.metadata(of: s("kr.y")) == nil)
    }

    @Test func correctionsAndRetractionsOfDefinitionsChangeTheMetadataFromTheirSeq() throws {
        let f = try fold(
            """
            {"type":"series","id":"d1","series":"kr.x","name":"Exports","unit":"USD"}
            {"type":"series","id":"d2","series":"kr.x","unit":"KRW"}
            {"type":"correction","target":"d1","replacement":{"type":"series","series":"kr.x","name":"Exports, total","unit":"EUR"}}
            {"type":"retraction","target":"d2"}
            {"type":"series","id":"d3","series":"kr.z"}
            {"type":"correction","target":"d3","replacement":{"type":"series","series":"kr.w","unit":"t"}}
            """)
        // The corrected definition keeps its place in log order, so d2's unit still wins at 3.
        #expect(f.metadata(of: s("kr.x"), atSeq: 3) == SeriesMetadata(name: "Exports, total", unit: "KRW"))
        #expect(f.metadata(of: s("kr.x")) == SeriesMetadata(name: "Exports, total", unit: "EUR"))
        #expect(f.metadata(of: s("kr.x"), atSeq: 2) == SeriesMetadata(name: "Exports", unit: "KRW"))
        #expect(f.catalog().map(\.series.rawValue) == ["kr.w", "kr.x"])
        #expect(f.catalog(atSeq: 5).map(\.series.rawValue) == ["kr.x", "kr.z"])
    }

    @Test func whereConditionsIntersectAndCountsArePerSeries() throws {
        let f = try fold(
            """
            {"type":"series","series":"kr.x","tags":{"country":"KR","flow":"export"}}
            {"type":"series","series":"kr.m","tags":{"country":"KR","flow":"import"}}
            {"type":"series","series":"jp.x","tags":{"country":"JP","flow":"export"}}
            {"type":"release","released_at":"2026-02-01T00:00:00Z","observations":[{"series":"kr.x","period":"2026-01","value":1},{"series":"kr.x","period":"2026-02","value":2},{"series":"kr.m","period":"2026-01","value":3}]}
            {"type":"observation","series":"kr.x","period":"2026-01","value":1.5,"released_at":"2026-03-01T00:00:00Z"}
            """)
        #expect(f.catalog().map(\.series.rawValue) == ["jp.x", "kr.m", "kr.x"])
        #expect(f.catalog(where: TagFilter(["country": "KR"])).map(\.series.rawValue) == ["kr.m", "kr.x"])
        #expect(f.catalog(where: TagFilter(["country": "KR", "flow": "export"])).map(\.series.rawValue) == ["kr.x"])
        #expect(f.catalog(where: TagFilter(["flow": "export", "flow": "import"])).isEmpty)
        #expect(f.catalog(where: TagFilter(["product": "total"])).isEmpty)
        #expect(f.catalog().map { [$0.points, $0.vintages] } == [[0, 0], [1, 1], [2, 3]])
        #expect(f.catalog(atSeq: 4).map { [$0.points, $0.vintages] } == [[0, 0], [1, 1], [2, 2]])
    }
}
