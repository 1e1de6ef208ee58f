import Vintage

/// Writes points as SDMX-CSV 2.0: `STRUCTURE,STRUCTURE_ID,ACTION`, the dimensions,
/// `TIME_PERIOD` (in SDMX's forms for the series' frequency), `OBS_VALUE`, `OBS_STATUS`, and
/// the release time as `LAST_UPDATE` (SDMX itself carries none).
///
/// When every series' id is its tags' values joined by `.` (as `import sdmx-csv` makes them),
/// those tags are the dimension columns, in key order; otherwise one `SERIES` column holds
/// the id. `import sdmx-csv --released-at-column LAST_UPDATE` reads the file back.
public enum SDMXCSVExporter {
    /// Writes the rows; returns how many.
    @discardableResult
    public static func write(_ store: Store, _ selection: ExportSelection, to sink: OutputSink) throws -> Int {
        let catalog = try selection.catalog(in: store)
        let dimensions = keyDimensions(catalog)
        let csv = CSVWriter(sink: sink)
        csv.row(
            ["STRUCTURE", "STRUCTURE_ID", "ACTION"] + (dimensions?.map { $0.uppercased() } ?? ["SERIES"]) + [
                "TIME_PERIOD", "OBS_VALUE", "OBS_STATUS", "LAST_UPDATE"
            ])
        var rows = 0
        for summary in catalog {
            let flow = summary.metadata.tags["dataflow"] ?? "VINTAGE"
            let key = dimensions.map { $0.map { summary.metadata.tags[$0] ?? "" } } ?? [summary.series.rawValue]
            for set in try store.points(of: [summary.series], selection.query) {
                for p in set.points {
                    csv.row(
                        ["dataflow", flow, "I"] + key + [
                            PeriodText.text(p.validTime, frequency: summary.metadata.frequency, sdmx: true),
                            p.value.shortestText, p.status ?? "", Timestamp(microseconds: p.releasedAt).iso8601
                        ])
                    rows += 1
                }
            }
        }
        sink.flush()
        return rows
    }

    /// The tag names whose values, in order, spell every series' id — or nil.
    static func keyDimensions(_ catalog: [SeriesSummary]) -> [String]? {
        guard let first = catalog.first else { return nil }
        func order(_ s: SeriesSummary) -> [String]? {
            let parts = s.series.rawValue.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            var used = Set<String>()
            var names: [String] = []
            for part in parts {
                guard
                    let name = s.metadata.tags.filter({
                        $0.key != "dataflow" && $0.key != "unit_mult" && !used.contains($0.key) && $0.value.lowercased() == part
                    })
                    .keys.sorted().first
                else { return nil }
                used.insert(name)
                names.append(name)
            }
            return names
        }
        guard let names = order(first) else { return nil }
        for s in catalog.dropFirst() where order(s) != names { return nil }
        return names
    }
}
