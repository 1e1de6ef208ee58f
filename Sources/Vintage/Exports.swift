// The library product's surface: the store (this module), the events and their values
// (VintageCore), the analytic queries (VintageQuery), and — by name below — the query, result
// and error types of the layers under the store. The folds, the files and the chunks stay
// behind it: a program that needs them imports those modules itself.
@_exported import VintageCore
import VintageFiles
import VintageFolds
import VintageLog
import VintageLogUpgrade
@_exported import VintageQuery

// What a point query asks and what it answers (VintageFolds).

/// The options of a point query over one series, on all three time axes: valid time
/// (`from`, `to`), release time (`asOf`) and log position (`atSeq`).
public typealias PointQuery = VintageFolds.PointQuery
/// A selection by tags: every condition must hold. The empty filter selects everything.
public typealias TagFilter = VintageFolds.TagFilter
/// One point of a series as a query shows it: the selected vintage of one valid time.
public typealias VintagePoint = VintageFolds.VintagePoint
/// The points of one series a query selected, in valid-time order.
public typealias SeriesPoints = VintageFolds.SeriesPoints
/// One vintage of one point, as ``Store/history(of:validTime:atSeq:)`` lists it.
public typealias HistoryEntry = VintageFolds.HistoryEntry
/// The revisions of one series in a view: per period, its first and latest vintage.
public typealias SeriesRevisions = VintageFolds.SeriesRevisions
/// How one point of a series (one period) was revised in a view.
public typealias PeriodRevision = VintageFolds.PeriodRevision
/// What a vintage shown from a correction's replacement records about the correction.
public typealias CorrectionNote = VintageFolds.CorrectionNote
/// A series' metadata: the fold, in log order, of its live `series` definitions.
public typealias SeriesMetadata = VintageFolds.SeriesMetadata
/// One entry of the series catalog: a defined series, its metadata and how much it holds.
public typealias SeriesSummary = VintageFolds.SeriesSummary
/// The options of an announcement timeline query.
public typealias AnnouncementQuery = VintageFolds.AnnouncementQuery
/// One announcement, with the log positions between which it is part of the store.
public typealias AnnouncementRow = VintageFolds.AnnouncementRow
/// The phases of a replay, as its progress reports them.
public typealias ReplayPhase = VintageFolds.ReplayPhase

// What a snapshot is (VintageFiles).

/// One snapshot of the projection (see ``Store/createSnapshot(name:)``).
public typealias SnapshotInfo = VintageFiles.SnapshotInfo

// What the log answers and its errors (VintageLog).

/// What an append did: events stored, duplicates, their seq range, and warnings.
public typealias AppendOutcome = VintageLog.AppendOutcome
/// Something an append stored that was likely not meant.
public typealias AppendWarning = VintageLog.AppendWarning
/// Why the log refused an operation (wrapped by ``StoreError/log(_:)``).
public typealias LogError = VintageLog.LogError
/// A position in the log's hash chain: an event's seq and its chain link.
public typealias LogHead = VintageLog.LogHead
/// The result of checking a log's integrity: the events checked and every problem found.
public typealias LogVerification = VintageLog.LogVerification
/// One event as stored in the log, with its position and integrity fields.
public typealias LoggedEvent = VintageLog.LoggedEvent
/// What ``Store/upgrade(directory:lockTimeoutMilliseconds:progress:)`` did to a log.
public typealias LogUpgradeReport = VintageLogUpgrade.LogUpgradeReport
