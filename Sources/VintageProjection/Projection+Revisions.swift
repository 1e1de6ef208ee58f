import VintageCore
import VintageFolds

extension Projection {
    /// The revisions of `series` in the view `query` describes (its valid-time range,
    /// `asOf` and `atSeq`; `firstRelease` and `latestOnly` are ignored): per period, the
    /// first and latest vintage visible there, corrections applied and retracted vintages
    /// absent. Reads only the chunks holding the range.
    public mutating func revisions(of series: SeriesID, _ query: PointQuery) throws(ProjectionError) -> SeriesRevisions {
        SeriesRevisions(series: series, rows: try rows(of: series, from: query.from, to: query.to), view: query)
    }
}
