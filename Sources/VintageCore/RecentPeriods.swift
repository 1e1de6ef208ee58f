#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The periods of the release figures read last, by their position in the release: a
/// release usually names the periods of the one before it (the next series' figures for
/// the same times), which are then shared with it instead of parsed and copied into a new
/// string each.
///
/// Used by one reader at a time (one piece of input); a period is taken only when its text
/// is byte for byte the one written, so the figures read are the same with or without it.
final class RecentPeriods {
    private var periods: [Period] = []

    /// The period remembered at `index`, when its text is `text`.
    @inline(__always)
    func period(at index: Int, spelled text: UnsafeBufferPointer<UInt8>) -> Period? {
        guard index < periods.count else { return nil }
        let same = periods.withUnsafeBufferPointer { periods in
            periods[index].text.utf8.withContiguousStorageIfAvailable { stored in
                stored.count == text.count && (text.isEmpty || memcmp(stored.baseAddress!, text.baseAddress!, text.count) == 0)
            }
        }
        return same == true ? periods[index] : nil
    }

    /// Remembers `period` as the one at `index` (the position after the last one remembered, or before).
    @inline(__always)
    func remember(_ period: Period, at index: Int) {
        if index < periods.count {
            periods[index] = period
        } else if index == periods.count {
            periods.append(period)
        }
    }
}
