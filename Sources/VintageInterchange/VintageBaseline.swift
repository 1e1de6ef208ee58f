import Vintage

/// The vintages a store already holds of some series, for ALFRED's rule that a vintage
/// column states a new vintage of a point only where the value changed: per point, every
/// stored (release time, value), in release order.
public struct VintageBaseline: Sendable {
    private var points: [SeriesID: [Int64: [(releasedAt: Int64, value: Double)]]] = [:]

    /// An empty baseline (the store holds none of the series).
    public init() {}

    /// Records one stored vintage; vintages of a point must come in release order.
    public mutating func add(series: SeriesID, validTime: Int64, releasedAt: Int64, value: Double) {
        points[series, default: [:]][validTime, default: []].append((releasedAt, value))
    }

    /// Whether nothing is held for `series`.
    func isEmpty(_ series: SeriesID) -> Bool { points[series]?.isEmpty ?? true }

    /// The point's latest stored vintage released before `time`.
    func latest(series: SeriesID, validTime: Int64, before time: Int64) -> (releasedAt: Int64, value: Double)? {
        guard let vintages = points[series]?[validTime] else { return nil }
        var found: (releasedAt: Int64, value: Double)? = nil
        for v in vintages {
            if v.releasedAt >= time { break }
            found = v
        }
        return found
    }
}
