/// A line chart of time series, ready to be drawn in a terminal
/// (``terminalText(width:height:colors:)``) or as an SVG file (``svg(width:height:)``):
/// lines of (time, value) points, each with a style, announcement markers, a title and a unit.
///
/// The chart knows nothing of a store: a program fills it with its own data, or asks a
/// `Store` for one through the `VintageStoreChart` module.
public struct Chart: Hashable, Sendable {
    /// The title, e.g. the series' name; nil for none.
    public var title: String?
    /// A second line under the title, e.g. the view (`as of 10 Feb 2026`); nil for none.
    public var subtitle: String?
    /// The unit of the values on the y axis, e.g. `USD` or `%`; nil for none.
    public var unit: String?
    /// The lines, drawn in order (so later lines are drawn over earlier ones).
    public var lines: [ChartLine]
    /// The vertical rules, e.g. the days announced tariffs took effect.
    public var markers: [ChartMarker]
    /// The span of time the x axis shows (first included, last excluded, UTC microseconds);
    /// nil to fit the lines and markers.
    public var timeRange: Range<Int64>?
    /// Remarks printed under the chart, e.g. how the points were thinned for display.
    public var notes: [String]

    /// Creates a chart.
    public init(
        title: String? = nil, subtitle: String? = nil, unit: String? = nil, lines: [ChartLine] = [],
        markers: [ChartMarker] = [], timeRange: Range<Int64>? = nil, notes: [String] = []
    ) {
        self.title = title
        self.subtitle = subtitle
        self.unit = unit
        self.lines = lines
        self.markers = markers
        self.timeRange = timeRange
        self.notes = notes
    }

    /// The lines in the order they are drawn: faint vintages first, then dashed, then solid
    /// lines, each group in the chart's order, so that the latest figures stay on top.
    var drawingOrder: [ChartLine] {
        lines.filter { $0.style == .faint } + lines.filter { $0.style == .dashed } + lines.filter { $0.style == .solid }
    }

    /// The entries of the legend: each line that names itself there, in the chart's order.
    var legendEntries: [ChartLine] { lines.filter(\.showsInLegend) }
}
