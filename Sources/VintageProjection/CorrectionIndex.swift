import Synchronization

/// Every correction and retraction the projection has applied, as (target, by) log
/// positions: which correction currently stands for an event, and which event a
/// correction's rows belong to. Small (corrections are rare), kept in the manifest.
///
/// A decoded index keeps its bytes (checked) and builds its look-up tables the first time
/// one is asked for: most queries never ask (issue 11 point 18: building them cost a cold
/// one-series query 0.68 M instructions on `tools/datagen trade`).
struct CorrectionIndex: Hashable, Sendable {
    /// One applied correction or retraction.
    struct Entry: Hashable, Sendable {
        /// The seq of the corrected or retracted original event.
        var target: Int64
        /// The seq of the correction or retraction.
        var by: Int64
    }

    /// The entries with their look-up tables.
    struct Tables: Sendable {
        var entries: [Entry] = []
        var latestByTarget: [Int64: Int64] = [:]
        var targetByCorrection: [Int64: Int64] = [:]

        mutating func record(target: Int64, by: Int64) {
            entries.append(Entry(target: target, by: by))
            latestByTarget[target] = by
            targetByCorrection[by] = target
        }
    }

    /// The tables, once built or changed (nil: only in ``stored``).
    private var own: Tables? = Tables()
    /// A decoded index's bytes, checked, until it changes.
    private var stored: EncodedCorrections?

    private var tables: Tables { own ?? stored!.tables }

    /// The entries, in log order of `by`.
    var entries: [Entry] { tables.entries }

    static func == (a: CorrectionIndex, b: CorrectionIndex) -> Bool { a.entries == b.entries }

    func hash(into hasher: inout Hasher) { hasher.combine(entries) }

    /// Records that the event at `by` corrects or retracts the original event at `target`.
    mutating func record(target: Int64, by: Int64) {
        if own == nil {
            own = stored!.tables
            stored = nil
        }
        own!.record(target: target, by: by)
    }

    /// The latest correction or retraction of the original event at `target`, if any.
    func latest(of target: Int64) -> Int64? { tables.latestByTarget[target] }

    /// The original event the correction at `seq` targets.
    func target(of seq: Int64) -> Int64? { tables.targetByCorrection[seq] }

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

    /// Decodes an index written by ``encoded()``: checks it, keeps the bytes, and builds the
    /// tables when first asked for.
    init(decoding bytes: [UInt8]) throws(ManifestError) {
        guard !bytes.isEmpty else { return }
        var r = ManifestByteReader(bytes)
        let count = try r.count("corrections", minimumItemSize: 2)
        for _ in 0..<(2 * count) { _ = try r.varInt("correction target or seq") }
        try r.expectEnd("correction index")
        own = nil
        stored = EncodedCorrections(bytes: bytes)
    }
}

/// A decoded correction index's bytes (checked when it was decoded) and its tables once
/// built, shared by the copies of a ``CorrectionIndex``.
final class EncodedCorrections: Sendable {
    let bytes: [UInt8]
    private let built = Mutex<CorrectionIndex.Tables?>(nil)

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// The tables, built once.
    var tables: CorrectionIndex.Tables {
        if let tables = built.withLock({ $0 }) { return tables }
        var tables = CorrectionIndex.Tables()
        do {
            var r = ManifestByteReader(bytes)
            let count = try r.count("corrections", minimumItemSize: 2)
            tables.entries.reserveCapacity(count)
            tables.latestByTarget.reserveCapacity(count)
            tables.targetByCorrection.reserveCapacity(count)
            for _ in 0..<count { tables.record(target: try r.varInt("correction target"), by: try r.varInt("correction seq")) }
        } catch {
            preconditionFailure("the correction index passed its check but not decoding: \(error)")
        }
        built.withLock { $0 = tables }
        return tables
    }
}
