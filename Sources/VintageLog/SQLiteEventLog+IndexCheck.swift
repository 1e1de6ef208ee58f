import VintageCore

/// An entry of the id index: an id's key and the seq of its event.
struct IndexedID: Hashable {
    var key: Int64
    var seq: Int64
}

extension SQLiteEventLog {
    /// How a format-2 log's index tables differ from what the fold of its events says they
    /// must hold; `postings` are the release-time ranges of each series' figures per batch,
    /// `ids` the id index entries of the events found by id (targets come from the fold).
    func indexDisagreements(with fold: LogIndexFold, postings: [String: [Int64: (low: Int64, high: Int64)]],
                            ids: Set<IndexedID>) throws -> [String] {
        var problems: [String] = []
        var definitions: [String: Int64] = [:]
        var figures: [String: Int64] = [:]
        var lastReleased: [String: Int64] = [:]
        var names: [Int64: String] = [:]
        let series = try db.prepare("SELECT series_no, id, definitions, figures, last_released FROM series", persistent: false)
        while try series.step() {
            let id = series.string(1)
            names[series.int64(0)] = id
            definitions[id] = series.int64(2)
            if series.int64(3) != 0 { figures[id] = series.int64(3) }
            if !series.isNull(4) { lastReleased[id] = series.int64(4) }
        }
        if definitions != fold.definitions {
            problems.append("index table series disagrees with the log (series definitions counted differently)")
        }
        if figures != fold.figures.filter({ $0.value != 0 }) {
            problems.append("index table series disagrees with the log (live figures counted differently)")
        }
        if lastReleased != fold.lastReleased {
            problems.append("index table series disagrees with the log (latest release times)")
        }
        var stored: [String: [Int64: (low: Int64, high: Int64)]] = [:]
        let rows = try db.prepare("SELECT series_no, first_seq, min_released, max_released FROM series_batches", persistent: false)
        while try rows.step() {
            stored[names[rows.int64(0)] ?? "#\(rows.int64(0))", default: [:]][rows.int64(1)] = (rows.int64(2), rows.int64(3))
        }
        let postingsDiffer = Set(stored.keys).union(postings.keys).contains { id in
            let a = stored[id] ?? [:], b = postings[id] ?? [:]
            return a.count != b.count || a.contains { first, range in b[first].map { $0 != range } ?? true }
        }
        if postingsDiffer {
            problems.append("index table series_batches disagrees with the log (which batches hold which series' figures)")
        }
        var overrides: [Int64: Int64] = [:]
        let overrideRows = try db.prepare("SELECT target_seq, by_seq FROM overrides", persistent: false)
        while try overrideRows.step() { overrides[overrideRows.int64(0)] = overrideRows.int64(1) }
        if overrides != fold.overrides {
            problems.append("index table overrides disagrees with the log (latest corrections and retractions)")
        }
        if try db.scalarText("SELECT value FROM store_meta WHERE key='\(SeriesFrequencies.throughKey)'") == String(fold.idKeys.count) {
            var frequencies: [String: [Int64: String]] = [:]
            let rows = try db.prepare("SELECT series, owner, frequency FROM series_frequencies", persistent: false)
            while try rows.step() { frequencies[rows.string(0), default: [:]][rows.int64(1)] = rows.string(2) }
            if frequencies != fold.frequencies {
                problems.append("index table series_frequencies disagrees with the log (frequencies of series definitions)")
            }
        }
        var expected = ids
        for (seq, id) in fold.targets { expected.insert(IndexedID(key: id.indexKey, seq: seq)) }
        var found = Set<IndexedID>()
        let entries = try db.prepare("SELECT id_key, seq FROM event_ids", persistent: false)
        while try entries.step() { found.insert(IndexedID(key: entries.int64(0), seq: entries.int64(1))) }
        if found != expected {
            problems.append("index table event_ids disagrees with the log (\(expected.subtracting(found).count) event(s) not indexed, \(found.subtracting(expected).count) wrong entries)")
        }
        return problems
    }
}
