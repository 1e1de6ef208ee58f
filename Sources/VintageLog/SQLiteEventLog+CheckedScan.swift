import VintageCore

extension SQLiteEventLog {
    /// ``forEachEventBody(fromSeq:throughSeq:_:)`` that trusts nothing it reads: before
    /// `body` sees an event, its seq must follow the previous one, its body must match its
    /// checksum and its link must follow from the previous event's link (the genesis link
    /// for seq 1, else the stored link of the event before `fromSeq`, which the range before
    /// checks). The first mismatch throws ``LogError/damaged(path:reason:)`` naming the seq.
    public func forEachCheckedEventBody(fromSeq: Int64, throughSeq: Int64 = .max,
                                        _ body: (_ seq: Int64, _ id: EventID, _ type: EventType, _ json: UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let first = max(1, fromSeq)
        var previousLink = HashChain.genesis
        if first > 1 {
            let s = try db.prepare("SELECT link FROM events WHERE seq = ?", persistent: false)
            try s.bind(1, first - 1)
            guard try s.step() else { throw LogError.damaged(path: path, reason: "seq \(first - 1) is missing") }
            previousLink = s.bytes(0)
        }
        var expected = first
        let s = try db.prepare("SELECT seq, id, type, recorded_at, body, checksum, link FROM events WHERE seq >= ? AND seq <= ? ORDER BY seq", persistent: false)
        try s.bind(1, first)
        try s.bind(2, throughSeq)
        do {
            while try s.step() {
                let seq = s.int64(0)
                func damaged(_ problem: String) -> LogError { .damaged(path: path, reason: "seq \(seq): \(problem)") }
                if seq != expected { throw damaged("the log jumps there from seq \(expected - 1)") }
                guard let type = s.withText(2, { EventType(utf8: $0) }) else { throw damaged("unknown type '\(s.string(2))'") }
                let checksum = s.bytes(5)
                let id = s.isNull(1) ? EventID(derivedFromContentHash: checksum) : EventID(unchecked: s.string(1))
                let link = s.bytes(6)
                guard HashChain.digest(previous: previousLink, seq: seq, recordedAt: Timestamp(microseconds: s.int64(3)), id: id, checksum: checksum).matches(link) else {
                    throw damaged("hash chain broken (the event or one before it was changed, removed or reordered)")
                }
                try s.withText(4) { json in
                    guard SHA256.digest(of: UnsafeRawBufferPointer(json)).matches(checksum) else { throw damaged("checksum does not match the stored event") }
                    try body(seq, id, type, json)
                }
                previousLink = link
                expected += 1
            }
        } catch let e as SQLiteError {
            throw Self.classify(e, path: path)
        }
    }
}
