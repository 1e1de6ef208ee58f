import VintageCore

/// An entry of the id index: an id's key and the seq of its event.
struct IndexedID: Hashable {
    var key: Int64
    var seq: Int64
}

extension SQLiteEventLog {
    /// How a format-2 or format-3 log's index tables differ from what the fold of its events says they
    /// must hold; `postings` are the release-time ranges of each series' figures per batch,
    /// `ids` the id index entries of the events found by id (targets come from the fold).
    func indexDisagreements(
        with fold: LogIndexFold, postings: [String: [Int64: (low: Int64, high: Int64)]],
        ids: Set<IndexedID>
    ) throws -> [String] {
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
        let table = format == LogSchema.formatTwo ? "series_batches" : "series_batch_lists"
        if format == LogSchema.formatTwo {
            let rows = try db.prepare("SELECT series_no, first_seq, min_released, max_released FROM series_batches", persistent: false)
            while try rows.step() {
                stored[names[rows.int64(0)] ?? "#\(rows.int64(0))", default: [:]][rows.int64(1)] = (rows.int64(2), rows.int64(3))
            }
        } else {
            // Each list must decode, span exactly its entries' range (the look-up selects
            // lists by it) and not repeat a batch another list of its series names.
            var malformed = false
            let rows = try db.prepare("SELECT series_no, first_seq, min_released, max_released, entries FROM series_batch_lists", persistent: false)
            while try rows.step() {
                let start = rows.int64(1)
                guard let list = rows.withBlob(4, { SeriesBatchList(decoding: $0, firstSeq: start) }),
                    list.releaseRange == (rows.int64(2), rows.int64(3))
                else {
                    malformed = true
                    continue
                }
                let name = names[rows.int64(0)] ?? "#\(rows.int64(0))"
                for e in list.entries where stored[name, default: [:]].updateValue((e.low, e.high), forKey: e.firstSeq) != nil { malformed = true }
            }
            if malformed {
                problems.append(
                    "index table series_batch_lists is damaged (a list does not decode, its range is not its entries', or it repeats a batch)")
            }
        }
        let postingsDiffer = Set(stored.keys).union(postings.keys).contains { id in
            let a = stored[id] ?? [:], b = postings[id] ?? [:]
            return a.count != b.count || a.contains { first, range in b[first].map { $0 != range } ?? true }
        }
        if postingsDiffer {
            problems.append("index table \(table) disagrees with the log (which batches hold which series' figures)")
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
            problems.append(
                "index table event_ids disagrees with the log (\(expected.subtracting(found).count) event(s) not indexed, \(found.subtracting(expected).count) wrong entries)"
            )
        }
        return problems
    }
}
