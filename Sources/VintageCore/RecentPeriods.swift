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
    /// The longest spelling kept (a timestamp with microseconds and an offset).
    static let slotBytes = 32
    // Read and written by one reader at a time, figure after figure: not checked for
    // exclusive access at run time (each check costs about as much as the look-up).
    @exclusivity(unchecked) private var periods: [Period] = []
    /// Each period's spelling in a slot of ``slotBytes`` bytes, and its length (0 when the
    /// spelling is too long to keep, so that it never matches).
    @exclusivity(unchecked) private var spellings: [UInt8] = []
    @exclusivity(unchecked) private var lengths: [UInt8] = []

    /// The period remembered at `index`, when its text is `text`.
    @inline(__always)
    func period(at index: Int, spelled text: UnsafeBufferPointer<UInt8>) -> Period? {
        guard index < lengths.count, Int(lengths[index]) == text.count, !text.isEmpty else { return nil }
        let same = spellings.withUnsafeBufferPointer { memcmp($0.baseAddress! + index * Self.slotBytes, text.baseAddress!, text.count) == 0 }
        return same ? periods[index] : nil
    }

    /// Remembers `period`, spelled `text`, as the one at `index` (the position after the
    /// last one remembered, or before).
    @inline(__always)
    func remember(_ period: Period, spelled text: UnsafeBufferPointer<UInt8>, at index: Int) {
        guard index <= periods.count else { return }
        if index == periods.count {
            periods.append(period)
            lengths.append(0)
            spellings.append(contentsOf: repeatElement(0, count: Self.slotBytes))
        } else {
            periods[index] = period
        }
        guard text.count <= Self.slotBytes, let source = text.baseAddress else {
            lengths[index] = 0
            return
        }
        spellings.withUnsafeMutableBufferPointer { _ = memcpy($0.baseAddress! + index * Self.slotBytes, source, text.count) }
        lengths[index] = UInt8(text.count)
    }
}
