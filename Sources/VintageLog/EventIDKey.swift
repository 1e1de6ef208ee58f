import VintageCore

/// A 64-bit key of an event id (FNV-1a over its UTF-8 bytes), the lookup key of the
/// `event_ids` index. Keys can collide; lookups compare the full id. Stored on disk, so the
/// function must never change.
enum EventIDKey {
    static func of(_ id: EventID) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.rawValue.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return Int64(bitPattern: hash)
    }
}
