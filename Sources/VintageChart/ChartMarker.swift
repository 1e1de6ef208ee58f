/// A vertical rule on a ``Chart`` at one time, e.g. the day an announced tariff takes
/// effect, with a short label drawn by the rule and a title given in a footnote.
public struct ChartMarker: Hashable, Sendable {
    /// Where the rule stands, UTC microseconds.
    public var time: Int64
    /// A short label by the rule, e.g. `25%`; empty for none.
    public var label: String
    /// The full title, e.g. the announcement's, given in a footnote.
    public var title: String

    /// Creates a marker.
    public init(time: Int64, label: String = "", title: String) {
        self.time = time
        self.label = label
        self.title = title
    }
}
