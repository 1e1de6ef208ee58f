/// Which vintages of each point a chart of a store draws (`--vintages`).
public enum VintageSelection: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// One line per series: each point's latest vintage in the view (or its first release
    /// with `firstRelease`).
    case latest
    /// The revision fan: the series as it stood after each release, faint, the first
    /// releases dashed and the latest vintages solid.
    case all
    /// Two lines per series: the first releases dashed, the latest vintages solid.
    case firstAndLatest = "first+latest"

    /// The name, as written on the command line.
    public var description: String { rawValue }
}
