import Vintage

/// The figures of an ALFRED download kept per vintage until the end of the file (ALFRED
/// lists them by observation date), then handed to the assembler in release order.
struct VintagesByRelease {
    private var figures: [Int64: [(entry: Release.Entry, line: Int)]] = [:]

    /// Keeps `entry`, released at `releasedAt` (UTC microseconds), read on input line `line`.
    mutating func add(_ entry: Release.Entry, releasedAt: Int64, line: Int) {
        figures[releasedAt, default: []].append((entry, line))
    }

    /// Hands every figure kept to `assembler` in release order (input order among equals),
    /// with `status`, and forgets them.
    mutating func emit(into assembler: EventAssembler, status: String?) {
        for t in figures.keys.sorted() {
            for (entry, line) in figures[t]! {
                assembler.add(
                    series: entry.series, period: entry.period, value: entry.value, releasedAt: Timestamp(microseconds: t),
                    status: status, line: line)
            }
        }
        figures = [:]
    }
}
