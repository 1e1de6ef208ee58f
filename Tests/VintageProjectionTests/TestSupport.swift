import VintageCore
import VintageTestSupport

@testable import VintageFolds
@testable import VintageProjection

/// The fold of NDJSON text logged from seq 1.
func fold(_ text: String) throws -> VintageFold {
    var fold = VintageFold()
    for e in try logged(text) { fold.apply(e.event, id: e.id, seq: e.seq) }
    return fold
}

/// UTC microseconds of an ISO-8601 timestamp or date known to be valid.
func t(_ text: String) -> Int64 {
    do { return try Timestamp(iso8601: text).microseconds } catch { fatalError("bad test timestamp \(text): \(error)") }
}

/// UTC microseconds of the start of a period known to be valid.
func p(_ text: String) -> Int64 {
    do { return try Period(text).start.microseconds } catch { fatalError("bad test period \(text): \(error)") }
}

/// A series id known to be valid.
func s(_ text: String) -> SeriesID { SeriesID(unchecked: text) }

/// A compact, readable form of points for expectations: `period-start:value@seq`.
func brief(_ points: [VintagePoint]) -> [String] {
    points.map { "\($0.validTime == 0 ? "0" : Timestamp(microseconds: $0.validTime).iso8601.prefix(10)):\($0.value)@\($0.seq)" }
}

/// The views of a fold, answered by the code that answers them from a projection: the
/// selection of points (``PointQuery``), of a point's history (``HistoryEntry/history(from:atSeq:)``),
/// the counts of the catalog (``SeriesSummary/counts(ofSorted:atSeq:)``), the series
/// catalog's metadata (``SeriesCatalog``) and the announcement query (``AnnouncementQuery``).
extension VintageFold {
    /// The points of a series a query selects, in valid-time order.
    func points(of series: SeriesID, _ query: PointQuery = PointQuery()) -> [VintagePoint] {
        query.points(in: rows(of: series))
    }

    /// Every vintage of one point visible now (or after event `atSeq`), in release order.
    func history(of series: SeriesID, validTime: Int64, atSeq: Int64? = nil) -> [HistoryEntry] {
        HistoryEntry.history(from: rows(of: series).filter { $0.validTime == validTime }, atSeq: atSeq)
    }

    /// The metadata of a series now (or after event `atSeq`).
    func metadata(of series: SeriesID, atSeq: Int64? = nil) -> SeriesMetadata? {
        catalog.metadata(of: series, atSeq: atSeq)
    }

    /// The series catalog now (or after event `atSeq`), as ``Projection/catalog(where:atSeq:)`` lists it.
    func catalog(where filter: TagFilter = TagFilter(), atSeq: Int64? = nil) -> [SeriesSummary] {
        catalog.metadata(atSeq: atSeq).filter { filter.matches($0.value.tags) }.map { series, metadata in
            let (points, vintages) = SeriesSummary.counts(ofSorted: rows(of: series).sorted { $0.key < $1.key }, atSeq: atSeq)
            return SeriesSummary(series: series, metadata: metadata, points: points, vintages: vintages)
        }.sorted { $0.series < $1.series }
    }

    /// The announcement timeline a query selects.
    func announcements(
        from: Int64? = nil, to: Int64? = nil, asOf: Int64? = nil, atSeq: Int64? = nil,
        where filter: TagFilter = TagFilter(), party: String? = nil
    ) -> [AnnouncementRow] {
        AnnouncementQuery(from: from, to: to, asOf: asOf, atSeq: atSeq, where: filter, party: party).timeline(of: timeline.rows)
    }
}
