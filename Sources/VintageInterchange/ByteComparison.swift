#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether a cell holds exactly the bytes of `remembered` (for the one-entry caches of
/// repeated series and release-time cells).
@inline(__always)
func sameBytes(_ cell: UnsafeBufferPointer<UInt8>, _ remembered: [UInt8]) -> Bool {
    guard cell.count == remembered.count else { return false }
    guard let base = cell.baseAddress else { return true }
    return remembered.withUnsafeBufferPointer { memcmp(base, $0.baseAddress!, cell.count) == 0 }
}
