/// Every correction and retraction the projection has applied, as (target, by) log
/// positions: which correction currently stands for an event, and which event a
/// correction's rows belong to. Small (corrections are rare), kept in the manifest.
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
    private var latestByTarget: [Int64: Int64] = [:]
    private var targetByCorrection: [Int64: Int64] = [:]

    /// Records that the event at `by` corrects or retracts the original event at `target`.
    mutating func record(target: Int64, by: Int64) {
        entries.append(Entry(target: target, by: by))
        latestByTarget[target] = by
        targetByCorrection[by] = target
    }

    /// The latest correction or retraction of the original event at `target`, if any.
    func latest(of target: Int64) -> Int64? { latestByTarget[target] }

    /// The original event the correction at `seq` targets.
    func target(of seq: Int64) -> Int64? { targetByCorrection[seq] }

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
        latestByTarget.reserveCapacity(count)
        targetByCorrection.reserveCapacity(count)
        for _ in 0..<count { record(target: try r.varInt("correction target"), by: try r.varInt("correction seq")) }
        try r.expectEnd("correction index")
    }
}
