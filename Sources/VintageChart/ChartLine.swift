/// One line of a ``Chart``: a series (or one vintage of it) as (time, value) points in time
/// order, with how it is drawn.
public struct ChartLine: Hashable, Sendable {
    /// The text of its legend entry.
    public var label: String
    /// Whether it has an entry in the legend (the faint vintages of a revision fan share one).
    public var showsInLegend: Bool
    /// Which colour of the palette it takes: lines of one series share a slot.
    public var colorSlot: Int
    /// How its stroke looks.
    public var style: LineStyle
    /// How its points are joined.
    public var interpolation: Interpolation
    /// The times of its points, UTC microseconds, in ascending order (a time may repeat, e.g.
    /// a bucket's minimum and maximum).
    public var times: [Int64]
    /// The values of its points, one per time.
    public var values: [Double]

    /// Creates a line; `times` and `values` have one entry per point.
    public init(
        label: String, showsInLegend: Bool = true, colorSlot: Int = 0, style: LineStyle = .solid,
        interpolation: Interpolation = .linear, times: [Int64], values: [Double]
    ) {
        precondition(times.count == values.count, "a chart line needs one value per time")
        self.label = label
        self.showsInLegend = showsInLegend
        self.colorSlot = colorSlot
        self.style = style
        self.interpolation = interpolation
        self.times = times
        self.values = values
    }

    /// The number of points.
    public var count: Int { times.count }

    /// How a line's points are joined.
    public enum Interpolation: Hashable, Sendable {
        /// Straight segments from point to point.
        case linear
        /// Each value holds until the next point (a rate set by announcements), and the last
        /// one to the end of the chart.
        case steps
    }
}

/// How a line's stroke looks: the latest figures solid, the first release dashed, other
/// vintages faint.
public enum LineStyle: String, Hashable, Sendable {
    /// A full line (the latest vintage, or a plain series).
    case solid
    /// A dashed line (the first release).
    case dashed
    /// A thin, pale line (the other vintages of a revision fan).
    case faint
}
