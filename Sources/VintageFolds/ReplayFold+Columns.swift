import VintageCore

/// The figure columns of one batch of the log, as its decoder holds them, for
/// ``ReplayFold/applyFigures(seq:explicitID:record:figures:)``: a replay folds observations
/// and releases straight from them, with no `Event` and no JSON per event. String columns
/// hold indexes into ``strings``, 1-based (0: none).
public struct ReplayColumns: Sendable {
    /// The batch's dictionary.
    public var strings: [String]
    /// Each dictionary string as a series id (nil when not a valid one; every ``series``
    /// index must name a valid one).
    public var seriesIDs: [SeriesID?]
    /// Per record: its release time (microseconds since the epoch).
    public var releasedAt: [Int64]
    /// Per record: a release's own status (dictionary index).
    public var recordStatus: [Int64]
    /// Per figure: its series (dictionary index).
    public var series: [Int64]
    /// Per figure: its period's start (microseconds since the epoch).
    public var validTime: [Int64]
    /// Per figure: its value.
    public var value: [Double]
    /// Per figure: its own status (dictionary index).
    public var figureStatus: [Int64]

    /// Creates columns.
    public init(
        strings: [String] = [], seriesIDs: [SeriesID?] = [], releasedAt: [Int64] = [], recordStatus: [Int64] = [],
        series: [Int64] = [], validTime: [Int64] = [], value: [Double] = [], figureStatus: [Int64] = []
    ) {
        self.strings = strings
        self.seriesIDs = seriesIDs
        self.releasedAt = releasedAt
        self.recordStatus = recordStatus
        self.series = series
        self.validTime = validTime
        self.value = value
        self.figureStatus = figureStatus
    }
}

extension ReplayFold {
    /// Makes `columns` the batch that ``applyFigures(seq:explicitID:record:figures:)`` reads.
    public mutating func begin(_ columns: ReplayColumns) {
        self.columns = columns
        columnSeries = [Int](repeating: -1, count: columns.strings.count + 1)
        columnStatus = [Int64](repeating: -1, count: columns.strings.count + 1)
    }

    /// Applies the observation or release logged at `seq` whose release time and status are
    /// record `record` of the current columns (see ``begin(_:)``) and whose figures (one for
    /// an observation) are rows `figures`: the same as applying the event itself — each
    /// figure with its own status, else the record's. `explicitID` is the event's id when
    /// given; nil when it is derived from its content, which is then not computed: a
    /// correction naming such an event is resolved by ``finish(derivedIDs:)``.
    public mutating func applyFigures(seq: Int64, explicitID: EventID?, record: Int, figures range: Range<Int>) {
        precondition(seq > lastSeq, "events must be applied in log order (seq \(seq) after \(lastSeq))")
        if lastSeq == 0 { firstAppliedSeq = seq }
        lastSeq = seq
        if let explicitID { ownerIDs.append(explicitID, seq: seq) } else { ownerIDs.appendDerived(seq: seq) }
        let releasedAt = columns.releasedAt[record]
        let recordStatus = columns.recordStatus[record]
        for f in range {
            let d = Int(columns.series[f])
            var index = columnSeries[d]
            if index < 0 {
                index = seriesIndex(columns.seriesIDs[d - 1]!)
                columnSeries[d] = index
            }
            let s = columns.figureStatus[f]
            let status = columnStatusCode(s != 0 ? s : recordStatus)
            let ordinal = UInt32(truncatingIfNeeded: figures[index].count)
            figures[index].append(
                ReplayFigure(
                    validTime: columns.validTime[f], releasedAt: releasedAt, value: columns.value[f],
                    seq: seq, status: status, ordinal: ordinal))
        }
        if !range.isEmpty {
            lastSeriesIndex = columnSeries[Int(columns.series[range.upperBound - 1])]
            lastSeries = nil
        }
    }

    /// The status code of dictionary index `d` (0: none) of the current columns.
    @inline(__always)
    private mutating func columnStatusCode(_ d: Int64) -> UInt32 {
        if d == 0 { return 0 }
        let i = Int(d)
        let code = columnStatus[i]
        if code >= 0 { return UInt32(code) }
        let interned = statusCode(columns.strings[i - 1])
        columnStatus[i] = Int64(interned)
        return interned
    }
}
