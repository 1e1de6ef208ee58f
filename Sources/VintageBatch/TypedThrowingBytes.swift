/// Calls `body` with the bytes of `array`, keeping the error type (`withUnsafeBytes`
/// rethrows `any Error`).
func withBytes<R>(_ array: [UInt8], _ body: (UnsafeRawBufferPointer) throws(RecordBatchError) -> R) throws(RecordBatchError) -> R {
    let result: Result<R, RecordBatchError> = array.withUnsafeBytes { raw in
        do throws(RecordBatchError) { return .success(try body(raw)) } catch { return .failure(error) }
    }
    return try result.get()
}
