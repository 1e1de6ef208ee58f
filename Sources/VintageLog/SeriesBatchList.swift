import VintageColumnar

/// One row of the `series_batch_lists` index (store format 3): up to ``capacity`` of the
/// batches holding one series' figures, in ascending order, each with the release-time range
/// of those figures, packed into one blob.
///
/// Format 2 kept one SQLite row per (series, batch) — 25 bytes of payload and two 8-byte
/// timestamps each, 0.52 bytes per vintage on `tools/datagen trade`; a list of them costs
/// about 4 to 10 bytes a batch. The row's key is the series and its first batch's `first_seq`; its
/// `min_released` and `max_released` columns span every entry, so a look-up selects only
/// the lists that can hold a release time, then decodes them.
///
/// Blob layout (integers LEB128, signed ones zigzagged, differences wrapping):
///
/// ```
/// unit u8 (0 µs, 1 ms, 2 s, 3 days: every time is a multiple of the unit and stored divided by it)
/// count varuint (1 ... capacity)
/// per entry: first_seq − previous first_seq (varuint; the first entry's is its first_seq − the row's, 0)
///            low − previous high (varint; the first entry's low itself)
///            high − low (varuint)
/// ```
package struct SeriesBatchList: Equatable {
    /// One batch holding the series' figures: its first seq and their release-time range (µs).
    package struct Entry: Equatable {
        package var firstSeq: Int64
        package var low: Int64
        package var high: Int64

        package init(firstSeq: Int64, low: Int64, high: Int64) {
            self.firstSeq = firstSeq
            self.low = low
            self.high = high
        }
    }

    /// The most entries a list holds; the next batch starts a new list (row), so an append
    /// rewrites at most this many entries per series.
    package static let capacity = 64

    /// The time units a list may store its times in, by code: µs, ms, seconds, days (the
    /// coarsest that divides every time of the list is used).
    static let units: [Int64] = [1, 1000, 1_000_000, 86_400_000_000]

    /// The entries, by ascending ``Entry/firstSeq``.
    package var entries: [Entry]

    package init(entries: [Entry]) { self.entries = entries }

    /// The row's `min_released` and `max_released`: the range spanning every entry.
    package var releaseRange: (low: Int64, high: Int64) {
        (entries.lazy.map(\.low).min() ?? 0, entries.lazy.map(\.high).max() ?? 0)
    }

    /// The blob.
    package func encoded() -> [UInt8] {
        var unit = Self.units.count - 1
        while unit > 0, !entries.allSatisfy({ $0.low % Self.units[unit] == 0 && $0.high % Self.units[unit] == 0 }) { unit -= 1 }
        let divisor = Self.units[unit]
        var out: [UInt8] = [UInt8(unit)]
        out.reserveCapacity(1 + 8 * entries.count)
        out.appendVarUInt(UInt64(entries.count))
        var previousSeq = entries.first?.firstSeq ?? 0, previousHigh: Int64 = 0
        for e in entries {
            out.appendVarUInt(UInt64(bitPattern: e.firstSeq &- previousSeq))
            let low = e.low / divisor, high = e.high / divisor
            out.appendVarInt(low &- previousHigh)
            out.appendVarUInt(UInt64(bitPattern: high &- low))
            previousSeq = e.firstSeq
            previousHigh = high
        }
        return out
    }

    /// Decodes the blob of a row whose first batch starts at `firstSeq`; nil when the bytes
    /// are not such a list (damage, or entries out of order or out of range).
    package init?(decoding bytes: UnsafeRawBufferPointer, firstSeq: Int64) {
        var entries: [Entry] = []
        guard Self.forEachEntry(in: bytes, firstSeq: firstSeq, { entries.append($0) }) else { return nil }
        self.entries = entries
    }

    /// Calls `body` with each entry of the blob of a row whose first batch starts at
    /// `firstSeq`, in order, without building the list (a look-up reads one list per figure
    /// it checks); false, after the entries before the damage, when the bytes are not such a
    /// list.
    static func forEachEntry(in bytes: UnsafeRawBufferPointer, firstSeq: Int64, _ body: (Entry) -> Void) -> Bool {
        var at = 0
        func next() -> UInt64? { try? readVarUInt(bytes, at: &at, end: bytes.count) }
        guard bytes.count >= 2 else { return false }
        let unit = Int(bytes[0])
        at = 1
        guard unit < units.count else { return false }
        let divisor = units[unit]
        guard let count = next(), count >= 1, count <= UInt64(capacity) else { return false }
        var seq = firstSeq, previousHigh: Int64 = 0
        for i in 0..<Int(count) {
            guard let step = next(), let lowStep = next(), let width = next() else { return false }
            let (nextSeq, seqOverflow) = seq.addingReportingOverflow(Int64(bitPattern: step))
            guard i == 0 ? step == 0 : (step > 0 && step <= UInt64(Int64.max) && !seqOverflow) else { return false }
            seq = nextSeq
            let low = previousHigh &+ zigzagDecode(lowStep)
            let (high, highOverflow) = low.addingReportingOverflow(Int64(bitPattern: width))
            guard width <= UInt64(Int64.max), !highOverflow else { return false }
            let (lowTime, o1) = low.multipliedReportingOverflow(by: divisor)
            let (highTime, o2) = high.multipliedReportingOverflow(by: divisor)
            guard !o1, !o2 else { return false }
            body(Entry(firstSeq: seq, low: lowTime, high: highTime))
            previousHigh = high
        }
        return at == bytes.count
    }
}
