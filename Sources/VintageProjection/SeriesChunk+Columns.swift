import VintageColumnar

extension SeriesChunk {
    /// Decodes the valid times and the values of a chunk whose every point has one row
    /// into the first ``rowCount`` slots of `times` and `values` (each at least that long):
    /// two columns, no rows built. The valid-time column then holds one time per row, not
    /// padded.
    ///
    /// - Throws: ``SeriesChunkError/chunk(_:)`` for a damaged column.
    func decodePointColumns(times: UnsafeMutableBufferPointer<Int64>, values: UnsafeMutableBufferPointer<Double>) throws(SeriesChunkError) {
        let result: Result<Void, ChunkError> = bytes.withUnsafeBytes { raw in
            Result { () throws(ChunkError) in
                try header.decode(column: Self.validTimeColumn, from: raw, into: times)
                try header.decode(column: Self.valueColumn, from: raw, into: values)
            }
        }
        if case .failure(let error) = result { throw .chunk(error) }
    }
}
