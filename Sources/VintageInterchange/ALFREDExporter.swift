import Vintage

/// Writes one series in ALFRED's "all vintages" layout: `observation_date`, then one column
/// per vintage date named `SERIESID_YYYYMMDD`, each holding every point's value as known at
/// the end of that day (`.` before the point was first published) — what R's and pandas'
/// real-time tools read. Several releases on one day make one vintage (the day's last).
public enum ALFREDExporter {
    /// Writes the table; returns the number of vintage columns.
    @discardableResult
    public static func write(_ store: Store, series: SeriesID, selection: ExportSelection, to sink: OutputSink) throws -> Int {
        var query = selection.query
        query.firstRelease = false
        var points: [(validTime: Int64, vintages: [(day: Int64, value: Double)])] = []
        var days = Set<Int64>()
        for set in try store.points(of: [series], query) {
            for point in set.points {
                var vintages: [(day: Int64, value: Double)] = []
                for v in try store.history(of: series, validTime: point.validTime, atSeq: query.atSeq)
                where query.asOf.map({ v.releasedAt <= $0 }) ?? true {
                    let day = Timestamp(microseconds: v.releasedAt).dayNumber
                    if let last = vintages.last, last.day == day {
                        vintages[vintages.count - 1].value = v.value
                    } else {
                        vintages.append((day, v.value))
                    }
                    days.insert(day)
                }
                points.append((point.validTime, vintages))
            }
        }
        let columns = days.sorted()
        let name = series.rawValue.uppercased()
        let csv = CSVWriter(sink: sink)
        csv.row(
            ["observation_date"]
                + columns.map { day in
                    let date = CivilDate(dayNumber: day)
                    return "\(name)_\(PeriodText.pad(date.year, 4))\(PeriodText.pad(date.month, 2))\(PeriodText.pad(date.day, 2))"
                })
        for (validTime, vintages) in points {
            var row = [PeriodText.date(validTime)]
            var i = -1
            for day in columns {
                while i + 1 < vintages.count, vintages[i + 1].day <= day { i += 1 }
                row.append(i >= 0 ? vintages[i].value.shortestText : ".")
            }
            csv.row(row)
        }
        sink.flush()
        return columns.count
    }
}
