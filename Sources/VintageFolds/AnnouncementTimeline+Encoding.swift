import VintageCore
import VintageFiles

extension AnnouncementTimeline {
    /// The encoding this build writes and the newest it reads.
    static let formatVersion: UInt8 = 1

    /// The timeline's bytes, as a manifest attachment: a format byte, then the rows.
    package func encoded() -> [UInt8] {
        var w = ManifestByteWriter()
        w.u8(Self.formatVersion)
        w.varUInt(UInt64(rows.count))
        for row in rows {
            w.string(row.id.rawValue)
            w.varInt(row.seq)
            w.optionalString(row.correction?.rawValue)
            w.varInt(row.visibleFrom)
            w.varInt(row.visibleUntil == .max ? 0 : row.visibleUntil)
            w.varInt(row.releasedAt)
            w.optionalString(row.source)
            w.string(row.kind)
            w.string(row.title)
            w.varUInt(UInt64(row.parties.count))
            for party in row.parties { w.string(party) }
            w.optionalString(row.text)
            w.varUInt(UInt64(row.tags.count))
            for (key, value) in row.tags.sorted(by: { $0.key < $1.key }) {
                w.string(key)
                w.string(value)
            }
            // The step: series, effective day (start and as written) and value, all or none;
            // or (2) the effective day alone.
            if let series = row.series, let effective = row.effective, let value = row.value {
                w.u8(1)
                w.string(series.rawValue)
                w.varInt(effective)
                w.string(row.effectiveText ?? "")
                w.i64(Int64(bitPattern: value.bitPattern))
            } else if let effective = row.effective {
                w.u8(2)
                w.varInt(effective)
                w.string(row.effectiveText ?? "")
            } else {
                w.u8(0)
            }
        }
        return w.bytes
    }

    /// Decodes a timeline written by ``encoded()``; empty bytes are the empty timeline.
    package init(decoding bytes: [UInt8]) throws(ManifestError) {
        self.init()
        guard !bytes.isEmpty else { return }
        var r = ManifestByteReader(bytes)
        let version = try r.u8("announcement timeline format")
        guard version == Self.formatVersion else {
            throw .damaged("announcement timeline format \(version) is not \(Self.formatVersion) (written by a newer build, or damaged)")
        }
        let count = try r.count("announcement rows", minimumItemSize: 12)
        rows.reserveCapacity(count)
        for _ in 0..<count {
            let id = try Self.eventID(try r.string("announcement id"))
            let seq = try r.varInt("announcement seq")
            let correction = try r.optionalString("announcement correction").map(Self.eventID)
            let from = try r.varInt("announcement visible-from")
            let until = try r.varInt("announcement visible-until")
            let releasedAt = try r.varInt("announcement released_at")
            let source = try r.optionalString("announcement source")
            let kind = try r.string("announcement kind")
            let title = try r.string("announcement title")
            let partyCount = try r.count("announcement party count")
            var parties: [String] = []
            for _ in 0..<partyCount { parties.append(try r.string("announcement party")) }
            let text = try r.optionalString("announcement text")
            let tagCount = try r.count("announcement tag count", minimumItemSize: 2)
            var tags: [String: String] = [:]
            for _ in 0..<tagCount { tags[try r.string("announcement tag name")] = try r.string("announcement tag value") }
            var series: SeriesID?, effective: Int64?, effectiveText: String?, value: Double?
            switch try r.u8("announcement step presence") {
            case 0: break
            case 1:
                let text = try r.string("announcement series")
                guard let id = try? SeriesID(text) else { throw .damaged("announcement series '\(text)' is not a series id") }
                series = id
                effective = try r.varInt("announcement effective")
                effectiveText = try r.string("announcement effective text")
                value = Double(bitPattern: UInt64(bitPattern: try r.i64("announcement value")))
            case 2:
                effective = try r.varInt("announcement effective")
                effectiveText = try r.string("announcement effective text")
            case let tag: throw .damaged("announcement step presence byte \(tag) is not 0, 1 or 2")
            }
            guard from >= 1, until == 0 || until > from, seq >= 1, seq <= from else {
                throw .damaged("announcement '\(id)' has seq \(seq) and visibility \(from)..<\(until == 0 ? "now" : String(until))")
            }
            rows.append(
                AnnouncementRow(
                    id: id, seq: seq, correction: correction, releasedAt: releasedAt, effective: effective,
                    effectiveText: effectiveText, source: source, kind: kind, title: title, parties: parties,
                    text: text, tags: tags, series: series, value: value,
                    visibleFrom: from, visibleUntil: until == 0 ? .max : until))
        }
        try r.expectEnd("announcement timeline")
    }

    private static func eventID(_ text: String) throws(ManifestError) -> EventID {
        guard let id = try? EventID(text) else { throw .damaged("announcement id '\(text)' is not an event id") }
        return id
    }
}
