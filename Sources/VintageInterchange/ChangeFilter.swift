import Vintage

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
            previous == nil || stored.releasedAt > previous!.releasedAt
        {
            previous = stored
        }
        if let previous, previous.value == value, previous.releasedAt < releasedAt { return false }
        lastInFile[series, default: [:]][validTime] = (releasedAt, value)
        return true
    }
}
