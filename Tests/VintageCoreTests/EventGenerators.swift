import PropertyBased
@testable import VintageCore

/// Random valid events of every type, and a writer that spells them as a person might:
/// keys in any order, whitespace anywhere, timestamps in any offset, escapes in strings.
enum Events {
    typealias RNG = any SeededRandomNumberGenerator

    static func seriesID(_ rng: inout RNG) -> SeriesID {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789._-/:")
        let count = Int.random(in: 0...9, using: &rng) == 0 ? Int.random(in: 1...128, using: &rng) : Int.random(in: 1...24, using: &rng)
        return SeriesID(unchecked: String((0..<count).map { _ in alphabet.randomElement(using: &rng)! }))
    }

    /// Text with quotes, backslashes, control characters and non-ASCII.
    static func text(_ rng: inout RNG) -> String {
        let pool: [String] = ["MOTIE", "preliminary", "a \"quoted\" word", #"back\slash"#, "tab\there", "line\nbreak", "수출",
                              "€", "😀", "\u{1}", "", " ", "/", "\u{7F}", "é"]
        return (0..<Int.random(in: 1...3, using: &rng)).map { _ in pool.randomElement(using: &rng)! }.joined()
    }

    static func optionalText(_ rng: inout RNG) -> String? { Bool.random(using: &rng) ? text(&rng) : nil }

    static func eventID(_ rng: inout RNG) -> EventID {
        Bool.random(using: &rng)
            ? EventID(unchecked: "ev-" + String(UInt64.random(in: 0 ... .max, using: &rng), radix: 16))
            : EventID(unchecked: text(&rng).filter { $0.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) } } + "x")
    }

    static func timestamp(_ rng: inout RNG) -> Timestamp {
        // 1900 to 2100, sometimes whole days (which a writer may spell as a date), sometimes
        // whole seconds, sometimes with microseconds.
        let micros = Int64.random(in: -2_208_988_800_000_000...4_102_444_800_000_000, using: &rng)
        switch Int.random(in: 0...3, using: &rng) {
        case 0: return Timestamp(microseconds: micros - micros % Timestamp.microsecondsPerDay)
        case 1: return Timestamp(microseconds: micros)
        default: return Timestamp(microseconds: micros - micros % 1_000_000)
        }
    }

    static func period(_ rng: inout RNG) -> Period {
        let year = Int.random(in: 1900...2100, using: &rng)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let text: String
        switch Int.random(in: 0...10, using: &rng) {
        case 0: text = "\(year)"
        case 1: text = "\(year)-Q\(Int.random(in: 1...4, using: &rng))"
        case 2: text = "\(year)-\(two(Int.random(in: 1...12, using: &rng)))"
        case 3: text = "\(year)-\(two(Int.random(in: 1...12, using: &rng)))-\(two(Int.random(in: 1...28, using: &rng)))"
        case 4: text = "\(year)-A1"
        case 5: text = "\(year)-S\(Int.random(in: 1...2, using: &rng))"
        case 6: text = "\(year)-M\(two(Int.random(in: 1...12, using: &rng)))"
        case 7: text = "\(year)-W\(two(Int.random(in: 1...52, using: &rng)))"
        case 8: text = "\(year)-D" + String(String(1000 + Int.random(in: 1...365, using: &rng)).dropFirst())
        case 9: text = timestamp(&rng).iso8601
        default: text = "\(year)-\(two(Int.random(in: 1...12, using: &rng)))-01T09:30:00+09:00"
        }
        return try! Period(text)
    }

    static func value(_ rng: inout RNG) -> Double {
        switch Int.random(in: 0...2, using: &rng) {
        case 0:
            while true {
                let v = Double(bitPattern: UInt64.random(in: .min ... .max, using: &rng))
                if v.isFinite { return v }
            }
        case 1: return Double(Int.random(in: -1_000_000...1_000_000, using: &rng)) / 10
        default: return [0, -0.0, 25, 65.8e9, 6e9, 1e-7, 5e-324].randomElement(using: &rng)!
        }
    }

    static func tags(_ rng: inout RNG) -> [String: String]? {
        guard Bool.random(using: &rng) else { return nil }
        var tags: [String: String] = [:]
        for _ in 0..<Int.random(in: 0...4, using: &rng) { tags[text(&rng)] = text(&rng) }
        return tags
    }

    static func observation(_ rng: inout RNG) -> Observation {
        Observation(series: seriesID(&rng), period: period(&rng), value: value(&rng), releasedAt: timestamp(&rng),
                    source: optionalText(&rng), status: optionalText(&rng))
    }

    static func release(_ rng: inout RNG) -> Release {
        Release(releasedAt: timestamp(&rng), source: optionalText(&rng), title: optionalText(&rng), status: optionalText(&rng),
                entries: (0..<Int.random(in: 1...5, using: &rng)).map { _ in
                    Release.Entry(series: seriesID(&rng), period: period(&rng), value: value(&rng),
                                  status: Int.random(in: 0...2, using: &rng) == 0 ? text(&rng) : nil)
                })
    }

    static func announcement(_ rng: inout RNG) -> Announcement {
        Announcement(releasedAt: timestamp(&rng), source: optionalText(&rng), kind: text(&rng), title: text(&rng),
                     parties: Bool.random(using: &rng) ? (0..<Int.random(in: 0...3, using: &rng)).map { _ in text(&rng) } : nil,
                     text: optionalText(&rng), tags: tags(&rng),
                     effective: Bool.random(using: &rng) ? period(&rng) : nil,
                     step: Bool.random(using: &rng) ? Announcement.Step(series: seriesID(&rng), effective: period(&rng), value: value(&rng)) : nil)
    }

    static func series(_ rng: inout RNG) -> SeriesDefinition {
        SeriesDefinition(series: seriesID(&rng), name: optionalText(&rng), unit: optionalText(&rng),
                         frequency: Bool.random(using: &rng) ? Frequency.allCases.randomElement(using: &rng) : nil, tags: tags(&rng))
    }

    /// An event that may stand as a replacement: no correction or retraction.
    static func plainEvent(_ rng: inout RNG) -> Event {
        switch Int.random(in: 0...3, using: &rng) {
        case 0: .series(series(&rng))
        case 1: .observation(observation(&rng))
        case 2: .release(release(&rng))
        default: .announcement(announcement(&rng))
        }
    }

    static func event(_ rng: inout RNG) -> Event {
        switch Int.random(in: 0...5, using: &rng) {
        case 0...3: plainEvent(&rng)
        case 4: .correction(Correction(target: eventID(&rng), reason: optionalText(&rng), replacement: plainEvent(&rng)))
        default: .retraction(Retraction(target: eventID(&rng), reason: optionalText(&rng)))
        }
    }

    /// Random valid events of all six types.
    static let any: Generator<Event, Shrink.None<Event>> = Generator { rng in event(&rng) }

    /// A random event together with a seed for spelling it differently.
    static let withSpelling: Generator<(Event, UInt64), Shrink.None<(Event, UInt64)>> = Generator { rng in
        (event(&rng), UInt64.random(in: 0 ... .max, using: &rng))
    }
}

/// Writes events as input JSON in a random but equivalent spelling.
struct LooseWriter<R: RandomNumberGenerator> {
    var rng: R
    var out = ""

    mutating func space() {
        for _ in 0..<(Int.random(in: 0...3, using: &rng) == 0 ? Int.random(in: 1...3, using: &rng) : 0) {
            out += [" ", "\t", "\r"].randomElement(using: &rng)!
        }
    }

    mutating func string(_ s: String) {
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
    mutating func seriesID(_ id: SeriesID) {
        switch Int.random(in: 0...3, using: &rng) {
        case 0: string(id.rawValue.uppercased())
        case 1: string(String(id.rawValue.map { Bool.random(using: &rng) ? Character($0.uppercased()) : $0 }))
        default: string(id.rawValue)
        }
    }

    /// A release time in a random offset (and separator case) naming the same instant, or as
    /// a date when it is the start of a day UTC.
    mutating func timestamp(_ t: Timestamp) {
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
    mutating func number(_ v: Double) {
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

    mutating func object(_ fields: [(String, (inout LooseWriter) -> Void)]) {
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

    mutating func stringMap(_ map: [String: String]) {
        object(map.map { k, v in (k, { $0.string(v) }) })
    }

    mutating func array(_ count: Int, _ item: (inout LooseWriter, Int) -> Void) {
        out += "["
        space()
        for i in 0..<count {
            if i > 0 { out += ","; space() }
            item(&self, i)
            space()
        }
        out += "]"
    }

    mutating func event(_ event: Event, id: EventID? = nil) {
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
            fields.append(("observations", { w in
                w.array(r.entries.count) { w, i in
                    let e = r.entries[i]
                    var entry: [(String, (inout LooseWriter) -> Void)] = [
                        ("series", { $0.seriesID(e.series) }), ("period", { $0.string(e.period.text) }), ("value", { $0.number(e.value) })]
                    if let status = e.status { entry.append(("status", { $0.string(status) })) }
                    w.object(entry)
                }
            }))
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

/// The writer's randomness, seeded so that a failing spelling can be reproduced.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// An event spelt loosely, from a seed.
func looselyWritten(_ event: Event, id: EventID? = nil, seed: UInt64) -> String {
    var w = LooseWriter(rng: SplitMix(state: seed))
    w.space()
    w.event(event, id: id)
    w.space()
    return w.out
}
