import Foundation
import Testing
import Vintage

@testable import VintageStoreChart

@Suite struct StoreChartTests {
    static let events = """
        {"type":"series","series":"kr.exports.total","name":"South Korea exports, total","unit":"USD","frequency":"monthly"}
        {"type":"series","series":"us.tariff.kr","unit":"percent","frequency":"irregular"}
        {"type":"observation","series":"kr.exports.total","period":"2025-11","value":60e9,"released_at":"2025-12-01T00:00:00Z"}
        {"type":"observation","series":"kr.exports.total","period":"2025-11","value":61e9,"released_at":"2026-01-01T00:00:00Z"}
        {"type":"observation","series":"kr.exports.total","period":"2025-12","value":62e9,"released_at":"2026-01-01T00:00:00Z"}
        {"type":"observation","series":"kr.exports.total","period":"2026-01","value":65.8e9,"released_at":"2026-02-01T00:00:00Z"}
        {"type":"observation","series":"kr.exports.total","period":"2026-01","value":65.9e9,"released_at":"2026-02-15T00:00:00Z"}
        {"type":"announcement","released_at":"2025-10-29T12:00:00Z","kind":"tariff","title":"US cuts tariffs to 15%","parties":["US","KR"],"series":"us.tariff.kr","effective":"2025-11-01","value":15}
        {"type":"announcement","released_at":"2026-01-26T22:00:00Z","kind":"tariff","title":"US raises tariffs to 25%","parties":["US","KR"],"series":"us.tariff.kr","effective":"2026-02-01","value":25}

        """

    func withStore(_ ndjson: String, _ body: (Store) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vintage-chart-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try Store(directory: directory, create: true)
        _ = try store.append(ndjson: Array(ndjson.utf8))
        try body(store)
    }

    @Test func theRevisionFanHasTheSeriesAfterEachReleaseTheFirstReleasesAndTheLatest() throws {
        try withStore(Self.events) { store in
            let total = try SeriesID("kr.exports.total")
            let chart = try store.chart(try ChartRequest(series: [total], vintages: .all, announcements: true))
            #expect(chart.title == "South Korea exports, total")
            #expect(chart.unit == "USD")
            // Releases on 1 Dec, 1 Jan, 1 Feb and 15 Feb: three earlier views, then first and latest.
            #expect(chart.lines.map(\.style) == [.faint, .faint, .faint, .dashed, .solid])
            #expect(chart.lines[0].values == [60e9])
            #expect(chart.lines[1].values == [61e9, 62e9])
            #expect(chart.lines[2].values == [61e9, 62e9, 65.8e9])
            #expect(chart.lines[3].values == [60e9, 62e9, 65.8e9])
            #expect(chart.lines[4].values == [61e9, 62e9, 65.9e9])
            #expect(
                chart.lines.filter(\.showsInLegend).map(\.label) == [
                    "kr.exports.total after earlier releases (3)", "kr.exports.total first release", "kr.exports.total latest"
                ])
            // November 2025 to the end of January 2026; both announcements are on it.
            #expect(
                chart.timeRange == Timestamp(CivilDate(year: 2025, month: 11, day: 1))
                    .microseconds..<Timestamp(CivilDate(year: 2026, month: 2, day: 1)).microseconds)
            #expect(chart.markers.map(\.label) == ["15%", "25%"])
            #expect(chart.markers.map(\.title) == ["US cuts tariffs to 15%", "US raises tariffs to 25%"])
        }
    }

    @Test func asOfAndFirstReleaseChooseTheVintagesDrawn() throws {
        try withStore(Self.events) { store in
            let total = try SeriesID("kr.exports.total")
            let asOf = Timestamp(CivilDate(year: 2026, month: 2, day: 11)).microseconds - 1
            let known = try store.chart(try ChartRequest(series: [total], view: PointQuery(asOf: asOf), vintages: .firstAndLatest))
            #expect(known.subtitle == "as known on 10 Feb 2026")
            #expect(known.lines.map(\.values) == [[60e9, 62e9, 65.8e9], [61e9, 62e9, 65.8e9]])
            let early = try store.chart(try ChartRequest(series: [total], view: PointQuery(atSeq: 4), vintages: .firstAndLatest))
            #expect(early.subtitle == "as the store stood after event 4")
            #expect(early.lines.map(\.values) == [[60e9], [61e9]])
            let first = try store.chart(try ChartRequest(series: [total], view: PointQuery(firstRelease: true)))
            #expect(first.lines.map(\.values) == [[60e9, 62e9, 65.8e9]])
            let yoy = try store.chart(try ChartRequest(series: [total], transform: .pop))
            #expect(yoy.unit == "%")
            #expect(yoy.lines.first?.values.count == 2)
        }
    }

    @Test func aRateSetByAnnouncementsIsDrawnAsSteps() throws {
        try withStore(Self.events) { store in
            let chart = try store.chart(try ChartRequest(series: [try SeriesID("us.tariff.kr")]))
            #expect(chart.lines.first?.interpolation == .steps)
            #expect(chart.lines.first?.values == [15, 25])
            // The last step is held a little past the last announcement.
            #expect(chart.timeRange!.upperBound > Timestamp(CivilDate(year: 2026, month: 2, day: 1)).microseconds)
        }
    }

    @Test func badRequestsAreOneLineErrors() throws {
        try withStore(Self.events) { store in
            let total = try SeriesID("kr.exports.total")
            #expect(throws: ChartRequestError.self) { try ChartRequest(series: [total], transform: .yoy, vintages: .all) }
            #expect(throws: ChartRequestError.self) {
                try ChartRequest(series: [total], view: PointQuery(firstRelease: true), vintages: .firstAndLatest)
            }
            #expect(throws: ChartRequestError.self) { try ChartRequest(series: [total], aggregate: .sum) }
            #expect(throws: ChartRequestError.self) { try ChartRequest(series: []) }
            let empty = try ChartRequest(series: [total], view: PointQuery(from: Timestamp(CivilDate(year: 2030, month: 1, day: 1)).microseconds))
            do {
                _ = try store.chart(empty)
                Issue.record("a range without points was charted")
            } catch let error as StoreError {
                #expect(error.description.hasPrefix("no points of kr.exports.total from 2030-01-01T00:00:00Z on"))
                #expect(!error.description.contains("\n"))
            }
            do {
                _ = try store.chart(try ChartRequest(series: [try SeriesID("kr.exports.totl")]))
                Issue.record("an unknown series was charted")
            } catch let error as StoreError {
                #expect(error.description.contains("unknown series 'kr.exports.totl'"))
            }
        }
    }

    @Test func aSeriesWithManyMorePointsThanColumnsIsReadAsEachColumnsLeastAndGreatestValue() throws {
        var lines = ["{\"type\":\"series\",\"series\":\"dense\",\"frequency\":\"daily\"}"]
        var low = Double.infinity, high = -Double.infinity
        var observations: [String] = []
        for day in 0..<20_000 {
            let value = Double((day * 7_919) % 1_000) + (day == 12_345 ? 5_000 : 0)
            low = min(low, value)
            high = max(high, value)
            let date = Timestamp(microseconds: Int64(day) * 86_400_000_000).iso8601.prefix(10)
            observations.append("{\"series\":\"dense\",\"period\":\"\(date)\",\"value\":\(value)}")
        }
        lines.append("{\"type\":\"release\",\"released_at\":\"2030-01-01T00:00:00Z\",\"observations\":[\(observations.joined(separator: ","))]}")
        try withStore(lines.joined(separator: "\n") + "\n") { store in
            let chart = try store.chart(try ChartRequest(series: [try SeriesID("dense")], columns: 100))
            let line = try #require(chart.lines.first)
            #expect(line.count <= 2 * 101)
            #expect(line.values.min() == low && line.values.max() == high)
            // From the first point to the end of the month of the last (found to the month: a
            // month is narrower than a column here).
            let day: Int64 = 86_400_000_000
            #expect(chart.timeRange?.lowerBound == 0)
            #expect(chart.timeRange!.upperBound >= 20_000 * day && chart.timeRange!.upperBound <= 20_031 * day)
            #expect(chart.notes.first?.hasPrefix("dense: 20,000 points, drawn as the least and greatest value per 200 days") == true)
        }
    }

    @Test func theFanOfManyReleasesDrawsAnEvenSelection() throws {
        var points: [VintagePoint] = []
        for period in 0..<100 {
            for release in period..<(period + 3) {
                points.append(VintagePoint(validTime: Int64(period), value: Double(release), releasedAt: Int64(1_000 + release), seq: 1))
            }
        }
        let fan = RevisionFan(points, most: 10)
        #expect(fan.releaseCount == 102)
        #expect(fan.vintages.count == 10)
        #expect(fan.vintages.first?.releasedAt == 1_000 && fan.vintages.last?.releasedAt == 1_100)
        #expect(fan.latest.values == (0..<100).map { Double($0 + 2) })
        #expect(fan.first.values == (0..<100).map { Double($0) })
        // After release 1,000 only period 0 was known, at its first value.
        #expect(fan.vintages[0].line.values == [0])
    }
}
