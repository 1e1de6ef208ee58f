import Foundation
import VintageCore

@testable import VintageChart

/// Known charts and helpers shared by the chart tests.
enum ChartFixtures {
    static func time(_ year: Int, _ month: Int, _ day: Int = 1) -> Int64 {
        Timestamp(CivilDate(year: year, month: month, day: day)).microseconds
    }

    /// Exports with a revision fan and two tariff announcements, over January 2025 to
    /// January 2026 (monthly points).
    static let trade: Chart = {
        let months = (0..<13).map { time(2025 + $0 / 12, $0 % 12 + 1) }
        let latest: [Double] = (0..<13).map { (k: Int) -> Double in
            let bump: Double = k % 3 == 0 ? 0.8e9 : 0
            return 49.14e9 + Double(k) * 1.4e9 + bump
        }
        var first = latest
        first[12] = latest[12] - 0.6e9
        first[11] = latest[11] + 0.4e9
        let earlier = Array(latest.prefix(12))
        let autos: [Double] = (0..<13).map { (k: Int) -> Double in 4.93e9 + Double(k % 4) * 0.3e9 }
        return Chart(
            title: "South Korea exports", subtitle: "as known on 15 Feb 2026", unit: "USD",
            lines: [
                ChartLine(label: "total after earlier releases (1)", colorSlot: 0, style: .faint, times: Array(months.prefix(12)), values: earlier),
                ChartLine(label: "total first release", colorSlot: 0, style: .dashed, times: months, values: first),
                ChartLine(label: "total latest", colorSlot: 0, style: .solid, times: months, values: latest),
                ChartLine(label: "autos", colorSlot: 1, style: .solid, times: months, values: autos)
            ],
            markers: [
                ChartMarker(time: time(2025, 11), label: "15%", title: "US cuts tariffs on South Korean goods to 15% from 25%"),
                ChartMarker(time: time(2026, 2), label: "25%", title: "US raises tariffs on South Korean goods to 25% from 15% <again> & more")
            ], timeRange: time(2025, 1)..<time(2026, 2), notes: ["a note"])
    }()

    /// One line through (day 0, 0), (day 1, 50), (day 2, 100) over exactly those two days.
    static let straight = Chart(
        title: "Straight", unit: "points",
        lines: [
            ChartLine(label: "line", times: [time(2026, 1, 1), time(2026, 1, 2), time(2026, 1, 3)], values: [0, 50, 100])
        ], timeRange: time(2026, 1, 1)..<time(2026, 1, 3))

    /// The folder of golden files beside this source file.
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// The golden file `name`; with `UPDATE_GOLDEN=1` in the environment, `actual` is written
    /// there first (to review with git diff).
    static func golden(_ name: String, actual: String) throws -> String {
        let url = goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
