import VintageColumnar

extension ProjectionDirectory {
    /// The extension of chunk file names.
    public static let chunkExtension = ".vtch"

    /// Writes `bytes` as a new immutable chunk file and returns its reference for a manifest.
    ///
    /// The bytes go to a temporary file `chunks/.tmp-<name>`, which is fsynced and then
    /// hard-linked to its final name — a fresh random name, so an existing chunk is never
    /// overwritten (the link fails rather than replace a file) — and the temporary name
    /// removed. The file is not part of the projection until a manifest naming it is
    /// committed; ``commit(_:)`` makes its directory entry durable.
    public func writeChunk(_ bytes: [UInt8], summary: [UInt8] = []) throws(ProjectionFileError) -> ChunkReference {
        let checksum = CRC32C.checksum(bytes)
        while true {
            let name = DurableFiles.uniqueSuffix() + Self.chunkExtension
            let temporary = chunkPath(Self.temporaryPrefix + name)
            try DurableFiles.createSynced(temporary, bytes: bytes)
            let linked: Bool
            do {
                linked = try DurableFiles.hardLink(temporary, chunkPath(name))
            } catch {
                try? DurableFiles.remove(temporary)
                throw error
            }
            try DurableFiles.remove(temporary)
            if linked { return ChunkReference(name: name, byteCount: bytes.count, checksum: checksum, summary: summary) }
            // A 64-bit random name already taken: draw another.
        }
    }

    /// The bytes of the chunk `reference` names, after checking its CRC-32C. A missing,
    /// too short or damaged file is an error naming it.
    public func readChunk(_ reference: ChunkReference) throws(ProjectionFileError) -> [UInt8] {
        try Self.readVerified(reference, in: chunksPath)
    }

    /// The bytes `stored` holds: inline, or read and checked from its file.
    public func read(_ stored: StoredBytes) throws(ProjectionFileError) -> [UInt8] {
        switch stored {
        case let .inline(bytes): return bytes
        case let .file(reference): return try readChunk(reference)
        }
    }

    /// The chunk `reference` names in its file inside `directory`, checked against its CRC-32C.
    static func readVerified(_ reference: ChunkReference, in directory: String) throws(ProjectionFileError) -> [UInt8] {
        guard ChunkReference.isValidName(reference.name) else { throw .invalidFileName(reference.name) }
        let path = directory + "/" + reference.name
        guard let bytes = try DurableFiles.readRange(path, offset: reference.offset, count: reference.byteCount) else {
            throw .chunkMissing(path: path)
        }
        let found = CRC32C.checksum(bytes)
        guard found == reference.checksum else {
            throw .chunkChecksumMismatch(path: path, expected: reference.checksum, found: found)
        }
        return bytes
    }
}
