import Vintage

/// Writes points as long CSV — `series,period,value,released_at,seq,status` — as a query
/// sees them (latest, `--as-of`, `--at-seq`, `--first-release`), or, with `allVintages`,
/// every vintage of every point (what `import csv` reads back into the same history).
public enum LongCSVExporter {
    /// Writes the rows; returns how many.
    @discardableResult
    public static func write(_ store: Store, _ selection: ExportSelection, allVintages: Bool, to sink: OutputSink) throws -> Int {
        let csv = CSVWriter(sink: sink)
        csv.row(["series", "period", "value", "released_at", "seq", "status"])
        var rows = 0
        for summary in try selection.catalog(in: store) {
            let frequency = summary.metadata.frequency
            for set in try store.points(of: [summary.series], selection.query) {
                for point in set.points {
                    let period = PeriodText.text(point.validTime, frequency: frequency)
                    if allVintages {
                        for v in try store.history(of: summary.series, validTime: point.validTime, atSeq: selection.query.atSeq)
                        where selection.query.asOf.map({ v.releasedAt <= $0 }) ?? true {
                            csv.row([
                                summary.series.rawValue, period, v.value.shortestText, Timestamp(microseconds: v.releasedAt).iso8601,
                                String(v.seq), v.status ?? ""
                            ])
                            rows += 1
                        }
                    } else {
                        csv.row([
                            summary.series.rawValue, period, point.value.shortestText, Timestamp(microseconds: point.releasedAt).iso8601,
                            String(point.seq), point.status ?? ""
                        ])
                        rows += 1
                    }
                }
            }
        }
        sink.flush()
        return rows
    }
}
