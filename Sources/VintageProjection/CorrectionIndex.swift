import VintageFiles

/// Every correction and retraction the projection has applied, as (target, by) log
/// positions: which correction currently stands for an event, and which event a
/// correction's rows belong to. Small (corrections are rare), kept in the manifest.
///
/// A decoded index builds no hash table at once (issue 11 point 18: the two tables cost a
/// cold one-series query 0.68 M of its instructions on `tools/datagen trade`, and a query
/// never asks for the latest correction): ``target(of:)`` is a binary search over the
/// entries, which are in ascending order of `by` as recorded (else a table is built), and
/// the table ``latest(of:)`` reads is built the first time a writer asks.
struct CorrectionIndex: Hashable, Sendable {
    /// One applied correction or retraction.
    struct Entry: Hashable, Sendable {
        /// The seq of the corrected or retracted original event.
        var target: Int64
        /// The seq of the correction or retraction.
        var by: Int64
    }

    /// The entries, in log order of `by`.
    private(set) var entries: [Entry] = []
    /// The latest `by` of each target (nil: not built yet).
    private var latestByTarget: [Int64: Int64]? = [:]
    /// The target of each `by`, when the entries are not in ascending order of `by` (nil:
    /// they are, and ``target(of:)`` searches them).
    private var targetByCorrection: [Int64: Int64]?

    static func == (a: CorrectionIndex, b: CorrectionIndex) -> Bool { a.entries == b.entries }

    func hash(into hasher: inout Hasher) { hasher.combine(entries) }

    /// Records that the event at `by` corrects or retracts the original event at `target`.
    mutating func record(target: Int64, by: Int64) {
        if targetByCorrection == nil, let last = entries.last, by < last.by {
            targetByCorrection = Self.targets(of: entries)
        }
        entries.append(Entry(target: target, by: by))
        latestByTarget?[target] = by
        targetByCorrection?[by] = target
    }

    /// The latest correction or retraction of the original event at `target`, if any.
    mutating func latest(of target: Int64) -> Int64? {
        if latestByTarget == nil {
            var table: [Int64: Int64] = [:]
            table.reserveCapacity(entries.count)
            for e in entries { table[e.target] = e.by }
            latestByTarget = table
        }
        return latestByTarget![target]
    }

    /// The original event the correction at `seq` targets.
    func target(of seq: Int64) -> Int64? {
        if let targetByCorrection { return targetByCorrection[seq] }
        // The last entry with `by` at most `seq` (the last recorded, as the table kept).
        var low = 0, high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].by <= seq { low = middle + 1 } else { high = middle }
        }
        return low > 0 && entries[low - 1].by == seq ? entries[low - 1].target : nil
    }

    /// The target of each `by`, the last recorded for each.
    private static func targets(of entries: [Entry]) -> [Int64: Int64] {
        var table: [Int64: Int64] = [:]
        table.reserveCapacity(entries.count)
        for e in entries { table[e.by] = e.target }
        return table
    }

    func encoded() -> [UInt8] {
        var w = ManifestByteWriter()
        w.varUInt(UInt64(entries.count))
        for e in entries {
            w.varInt(e.target)
            w.varInt(e.by)
        }
        return w.bytes
    }

    init() {}

    init(decoding bytes: [UInt8]) throws(ManifestError) {
        guard !bytes.isEmpty else { return }
        var r = ManifestByteReader(bytes)
        let count = try r.count("corrections", minimumItemSize: 2)
        entries.reserveCapacity(count)
        var ascending = true
        for _ in 0..<count {
            let entry = Entry(target: try r.varInt("correction target"), by: try r.varInt("correction seq"))
            if let last = entries.last, entry.by < last.by { ascending = false }
            entries.append(entry)
        }
        try r.expectEnd("correction index")
        latestByTarget = nil
        if !ascending { targetByCorrection = Self.targets(of: entries) }
    }
}
