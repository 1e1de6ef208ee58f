import VintageCore

extension Projection {
    /// `row` of `series` with its correction note when a correction's replacement states it
    /// (its seq is a correction's): the correction's id and the value the corrected event
    /// originally stated for the point, both read from the log — notes are not stored in the
    /// projection, since corrections can restate thousands of figures.
    func annotate(_ row: VintageRow, series: SeriesID, log: some ProjectionLogReader) throws(ProjectionError) -> VintageRow {
        guard let target = corrections.target(of: row.seq) else { return row }
        do {
            guard let correction = try log.event(at: row.seq), let original = try log.event(at: target) else { return row }
            let note = Owner.Note(correction: correction.id, original: Owner.statedKeys(of: original.event).map(\.original))
            var annotated = row
            annotated.correction = note.note(series: series, validTime: row.validTime)
            return annotated
        } catch let error as ProjectionError {
            throw error
        } catch {
            throw .log(error)
        }
    }

    /// Every row of `series` (see ``rows(of:from:to:)``) with correction notes from `log`.
    public mutating func annotatedRows(of series: SeriesID, from: Int64? = nil, to: Int64? = nil,
                                       log: some ProjectionLogReader) throws(ProjectionError) -> [VintageRow] {
        var rows = try rows(of: series, from: from, to: to)
        for i in rows.indices { rows[i] = try annotate(rows[i], series: series, log: log) }
        return rows
    }
}
