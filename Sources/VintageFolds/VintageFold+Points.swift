import VintageCore

extension VintageFold {
    /// The points of a series a query selects, in valid-time order (see ``PointQuery``).
    public func points(of series: SeriesID, _ query: PointQuery = PointQuery()) -> [VintagePoint] {
        guard let state = seriesStates[series] else { return [] }
        return query.points(in: state.rows)
    }

    /// Every vintage of one point (series, start of its period) visible now (or after event
    /// `atSeq`), in release order: corrections applied, retracted vintages absent, corrected
    /// ones with their correction note.
    public func history(of series: SeriesID, validTime: Int64, atSeq: Int64? = nil) -> [HistoryEntry] {
        guard let state = seriesStates[series] else { return [] }
        return state.rows
            .filter { $0.validTime == validTime && (atSeq.map($0.isVisible(atSeq:)) ?? $0.isCurrent) }
            .sorted { $0.releasedAt < $1.releasedAt }
            .map(HistoryEntry.init)
    }
}
