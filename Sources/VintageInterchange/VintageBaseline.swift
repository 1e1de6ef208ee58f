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

/// Decides, point by point, whether a vintage cell states a new vintage: it does when its
/// value differs from the point's latest earlier vintage, whether that one is in the store
/// or earlier in the file. A point absent from a later vintage is not a retraction, so
/// absence changes nothing.
struct ChangeFilter {
    var baseline = VintageBaseline()
    /// Per series and point, the latest vintage taken from the file so far.
    private var lastInFile: [SeriesID: [Int64: (releasedAt: Int64, value: Double)]] = [:]

    /// Whether (series, validTime) valued `value` at `releasedAt` is a new vintage; records it
    /// as the point's latest when it is. Cells must come in release order per point.
    mutating func isNewVintage(series: SeriesID, validTime: Int64, releasedAt: Int64, value: Double) -> Bool {
        var previous = lastInFile[series]?[validTime]
        if let stored = baseline.latest(series: series, validTime: validTime, before: releasedAt),
           previous == nil || stored.releasedAt > previous!.releasedAt {
            previous = stored
        }
        if let previous, previous.value == value, previous.releasedAt < releasedAt { return false }
        lastInFile[series, default: [:]][validTime] = (releasedAt, value)
        return true
    }
}
