/// Runs `body` over the bytes of `array`, keeping `body`'s typed error.
@inline(__always)
func withBytes<R>(
    _ array: [UInt8], _ body: (UnsafeRawBufferPointer) throws(ChunkError) -> R
) throws(ChunkError) -> R {
    let result: Result<R, ChunkError> = array.withUnsafeBytes { raw in
        Result { () throws(ChunkError) -> R in try body(raw) }
    }
    return try result.get()
}

/// Runs `body` with a pointer to the elements of `array` (a valid slot even when it is empty),
/// keeping `body`'s typed error.
@inline(__always)
func withMutableElements<T, R>(
    _ array: inout [T], _ body: (UnsafeMutablePointer<T>) throws(ChunkError) -> R
) throws(ChunkError) -> R {
    let result: Result<R, ChunkError> = array.withUnsafeMutableBufferPointer { buffer in
        let slot = buffer.baseAddress ?? UnsafeMutableRawPointer(emptyInt64Slot).assumingMemoryBound(to: T.self)
        return Result { () throws(ChunkError) -> R in try body(slot) }
    }
    return try result.get()
}

/// Runs `body` over a caller's buffer (a valid slot even when it is empty), keeping its typed error.
@inline(__always)
func withSlot<T, R>(
    _ buffer: UnsafeMutableBufferPointer<T>, _ body: (UnsafeMutablePointer<T>) throws(ChunkError) -> R
) throws(ChunkError) -> R {
    let slot = buffer.baseAddress ?? UnsafeMutableRawPointer(emptyInt64Slot).assumingMemoryBound(to: T.self)
    return try body(slot)
}

/// A 16-byte writable slot handed to decoders whose output is empty; no value is ever stored in it.
nonisolated(unsafe) let emptyInt64Slot: UnsafeMutablePointer<Int64> = .allocate(capacity: 2)
