import VintageColumnar

/// A run of bytes stored as one LZ4 block: `expanded length varuint`, `stored length
/// varuint`, then the block (empty when the expanded length is 0).
enum LZ4Section {
    /// Appends `bytes` as a section.
    static func append(_ bytes: [UInt8], to w: inout BatchWriter) {
        guard !bytes.isEmpty else {
            w.varUInt(0)
            w.varUInt(0)
            return
        }
        let block = bytes.withUnsafeBytes { LZ4Block.compress($0) }
        w.varUInt(UInt64(bytes.count))
        w.varUInt(UInt64(block.count))
        w.bytes.append(contentsOf: block)
    }

    /// Reads a section and expands it. The expanded length is bounded by what LZ4 can
    /// produce from the stored bytes, so a damaged length cannot force a large allocation.
    static func read(_ r: inout BatchReader, _ what: String) throws(RecordBatchError) -> [UInt8] {
        let expanded = try r.count("\(what) length", limit: RecordBatchFormat.maximumExpandedSize)
        let stored = try r.count("\(what) stored length", limit: r.remaining)
        let range = try r.take(stored, what)
        guard expanded > 0 else {
            guard stored == 0 else { throw RecordBatchError("record batch \(what) is empty but stores \(stored) bytes") }
            return []
        }
        guard expanded <= stored * RecordBatchFormat.maximumLZ4Ratio + 16 else {
            throw RecordBatchError("record batch \(what) cannot expand \(stored) bytes to \(expanded)")
        }
        do {
            return try LZ4Block.decompress(UnsafeRawBufferPointer(rebasing: r.base[range]), decompressedCount: expanded)
        } catch {
            throw RecordBatchError("record batch \(what) does not decompress: \(error)")
        }
    }
}
