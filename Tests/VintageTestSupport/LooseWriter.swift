import VintageCore

/// Writes events as input JSON in a random but equivalent spelling.
public struct LooseWriter<R: RandomNumberGenerator> {
    public var rng: R
    public var out = ""

    public init(rng: R) { self.rng = rng }

    public mutating func space() {
        for _ in 0..<(Int.random(in: 0...3, using: &rng) == 0 ? Int.random(in: 1...3, using: &rng) : 0) {
            out += [" ", "\t", "\r"].randomElement(using: &rng)!
        }
    }

    public mutating func string(_ s: String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += #"\""#
            case "\\": out += #"\\"#
            case "\n": out += #"\n"#
            case "\r": out += #"\r"#
            case "\t": out += #"\t"#
            case "/" where Bool.random(using: &rng): out += #"\/"#
            default:
                if scalar.value < 0x20 || Int.random(in: 0...7, using: &rng) == 0 {
                    // Escape as \uXXXX, with a surrogate pair beyond the BMP.
                    for unit in String(scalar).utf16 {
                        let hex = String(unit, radix: 16, uppercase: Bool.random(using: &rng))
                        out += #"\u"# + String(repeating: "0", count: 4 - hex.count) + hex
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// A series id with its letters in random case (ids are case-insensitive).
    public mutating func seriesID(_ id: SeriesID) {
        switch Int.random(in: 0...3, using: &rng) {
        case 0: string(id.rawValue.uppercased())
        case 1: string(String(id.rawValue.map { Bool.random(using: &rng) ? Character($0.uppercased()) : $0 }))
        default: string(id.rawValue)
        }
    }

    /// A release time in a random offset (and separator case) naming the same instant, or as
    /// a date when it is the start of a day UTC.
    public mutating func timestamp(_ t: Timestamp) {
        if t.microseconds % Timestamp.microsecondsPerDay == 0, Bool.random(using: &rng) {
            string(String(t.iso8601.prefix(10)))
            return
        }
        let minutes = Int.random(in: -(14 * 60)...(14 * 60), using: &rng)
        let local = Timestamp(microseconds: t.microseconds + Int64(minutes) * 60_000_000).iso8601.dropLast()
        var text = String(local)
        if minutes == 0, Bool.random(using: &rng) {
            text += Bool.random(using: &rng) ? "Z" : "z"
        } else {
            let h = abs(minutes) / 60, m = abs(minutes) % 60
            text += (minutes < 0 ? "-" : "+") + (h < 10 ? "0\(h)" : "\(h)") + (Bool.random(using: &rng) ? ":" : "") + (m < 10 ? "0\(m)" : "\(m)")
        }
        string(text)
    }

    /// The number in another exact spelling: an exponent form, or its shortest text.
    public mutating func number(_ v: Double) {
        let text = v.shortestText
        switch Int.random(in: 0...2, using: &rng) {
        case 0: out += text
        case 1: out += text.contains("e") || text.contains(".") ? text : text + ".0"
        default:
            // d.ddd E n for integers: 65800000000 → 658E8
            if !text.contains("e"), !text.contains("."), text != "0", text != "-0", text.hasSuffix("0") {
                var digits = text
                var exponent = 0
                while digits.hasSuffix("0") { digits.removeLast(); exponent += 1 }
                out += "\(digits)E+\(exponent)"
            } else {
                out += text
            }
        }
    }

    public mutating func object(_ fields: [(String, (inout LooseWriter) -> Void)]) {
        out += "{"
        space()
        for (i, field) in fields.shuffled(using: &rng).enumerated() {
            if i > 0 { out += ","; space() }
            string(field.0)
            space(); out += ":"; space()
            field.1(&self)
            space()
        }
        out += "}"
    }

    public mutating func stringMap(_ map: [String: String]) {
        object(map.map { k, v in (k, { $0.string(v) }) })
    }

    public mutating func array(_ count: Int, _ item: (inout LooseWriter, Int) -> Void) {
        out += "["
        space()
        for i in 0..<count {
            if i > 0 { out += ","; space() }
            item(&self, i)
            space()
        }
        out += "]"
    }

    public mutating func event(_ event: Event, id: EventID? = nil) {
        var fields: [(String, (inout LooseWriter) -> Void)] = [("type", { $0.string(event.type.rawValue) })]
        if let id { fields.append(("id", { $0.string(id.rawValue) })) }
        func optional(_ name: String, _ value: String?) {
            if let value { fields.append((name, { $0.string(value) })) }
        }
        switch event {
        case .series(let s):
            fields.append(("series", { $0.seriesID(s.series) }))
            optional("name", s.name)
            optional("unit", s.unit)
            optional("frequency", s.frequency?.rawValue)
            if let tags = s.tags { fields.append(("tags", { $0.stringMap(tags) })) }
        case .observation(let o):
            fields.append(("series", { $0.seriesID(o.series) }))
            fields.append(("period", { $0.string(o.period.text) }))
            fields.append(("value", { $0.number(o.value) }))
            fields.append(("released_at", { $0.timestamp(o.releasedAt) }))
            optional("source", o.source)
            optional("status", o.status)
        case .release(let r):
            fields.append(("released_at", { $0.timestamp(r.releasedAt) }))
            optional("source", r.source)
            optional("title", r.title)
            optional("status", r.status)
            fields.append(
                (
                    "observations",
                    { w in
                        w.array(r.entries.count) { w, i in
                            let e = r.entries[i]
                            var entry: [(String, (inout LooseWriter) -> Void)] = [
                                ("series", { $0.seriesID(e.series) }), ("period", { $0.string(e.period.text) }), ("value", { $0.number(e.value) })
                            ]
                            if let status = e.status { entry.append(("status", { $0.string(status) })) }
                            w.object(entry)
                        }
                    }
                ))
        case .announcement(let a):
            fields.append(("released_at", { $0.timestamp(a.releasedAt) }))
            optional("source", a.source)
            fields.append(("kind", { $0.string(a.kind) }))
            fields.append(("title", { $0.string(a.title) }))
            if let parties = a.parties { fields.append(("parties", { w in w.array(parties.count) { w, i in w.string(parties[i]) } })) }
            optional("text", a.text)
            if let tags = a.tags { fields.append(("tags", { $0.stringMap(tags) })) }
            if let step = a.step {
                fields.append(("series", { $0.seriesID(step.series) }))
                fields.append(("value", { $0.number(step.value) }))
            }
            if let effective = a.effective { fields.append(("effective", { $0.string(effective.text) })) }
        case .correction(let c):
            fields.append(("target", { $0.string(c.target.rawValue) }))
            optional("reason", c.reason)
            fields.append(("replacement", { $0.event(c.replacement) }))
        case .retraction(let r):
            fields.append(("target", { $0.string(r.target.rawValue) }))
            optional("reason", r.reason)
        }
        object(fields)
    }
}

/// An event spelt loosely, from a seed.
public func looselyWritten(_ event: Event, id: EventID? = nil, seed: UInt64) -> String {
    var w = LooseWriter(rng: SplitMix64(state: seed))
    w.space()
    w.event(event, id: id)
    w.space()
    return w.out
}
