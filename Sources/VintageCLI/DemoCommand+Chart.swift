import Vintage
import VintageStoreChart

extension DemoCommand {
    /// The demo's chart: January's total exports with its revision fan and the tariff steps,
    /// written as an SVG file beside the store; returns its path.
    func writeChart(of store: Store, storeDirectory: String) throws -> String {
        let request = try ChartRequest(
            series: [try SeriesID("kr.exports.total")], vintages: .all, announcements: true,
            title: "South Korea exports, total: revisions and US tariff steps")
        let path = storeDirectory + "-chart.svg"
        try OutputFile.write(Array(try store.chart(request).svg().utf8), to: path, option: "the demo chart")
        return path
    }
}
