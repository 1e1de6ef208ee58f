import VintageCore
import VintageFolds

extension Projection {
    /// `row` of `series` with its correction note when a correction's replacement states it
    /// (its seq is a correction's): the correction's id and the value the corrected event
    /// originally stated for the point, both read from the log — notes are not stored in the
    /// projection, since corrections can restate thousands of figures.
    func annotate(
        _ row: VintageRow, series: SeriesID, log: some ProjectionLogReader,
        notes: inout CorrectionNoteCache
    ) throws(ProjectionError) -> VintageRow {
        guard let target = corrections.target(of: row.seq) else { return row }
        let note: Owner.Note
        if let known = notes.byCorrection[row.seq] {
            note = known
        } else {
            do {
                guard let correction = try log.event(at: row.seq), let original = try log.event(at: target) else { return row }
                note = Owner.Note(correction: correction.id, original: Owner.statedKeys(of: original.event).map(\.original))
            } catch let error as ProjectionError {
                throw error
            } catch {
                throw .log(error)
            }
            notes.byCorrection[row.seq] = note
        }
        var annotated = row
        annotated.correction = note.note(series: series, validTime: row.validTime)
        return annotated
    }

    /// Every row of `series` (see ``rows(of:from:to:)``) with correction notes from `log`.
    public mutating func annotatedRows(
        of series: SeriesID, from: Int64? = nil, to: Int64? = nil,
        log: some ProjectionLogReader
    ) throws(ProjectionError) -> [VintageRow] {
        var notes = CorrectionNoteCache()
        return try annotatedRows(of: series, from: from, to: to, log: log, notes: &notes)
    }

    /// ``annotatedRows(of:from:to:log:)`` working out each correction's note once across calls.
    mutating func annotatedRows(
        of series: SeriesID, from: Int64? = nil, to: Int64? = nil,
        log: some ProjectionLogReader, notes: inout CorrectionNoteCache
    ) throws(ProjectionError) -> [VintageRow] {
        var rows = try rows(of: series, from: from, to: to)
        for i in rows.indices { rows[i] = try annotate(rows[i], series: series, log: log, notes: &notes) }
        return rows
    }
}

/// The correction notes worked out so far, by the correction's seq: a correction restates
/// every figure of a release, and each of its rows would otherwise read the corrected event's
/// figures again.
struct CorrectionNoteCache {
    var byCorrection: [Int64: Owner.Note] = [:]
}
