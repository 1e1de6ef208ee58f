import PropertyBased
import VintageCore

/// Random valid events of every type, and streams of them as the log would batch them (runs
/// of similar observations, explicit and derived ids), for the tests of the codec, the
/// batches and the log.
public enum Events {
    public typealias RNG = any SeededRandomNumberGenerator

    public static func seriesID(_ rng: inout RNG) -> SeriesID {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789._-/:")
        let count = Int.random(in: 0...9, using: &rng) == 0 ? Int.random(in: 1...128, using: &rng) : Int.random(in: 1...24, using: &rng)
        return SeriesID(unchecked: String((0..<count).map { _ in alphabet.randomElement(using: &rng)! }))
    }

    /// Text with quotes, backslashes, control characters and non-ASCII.
    public static func text(_ rng: inout RNG) -> String {
        let pool: [String] = [
            "MOTIE", "preliminary", "a \"quoted\" word", #"back\slash"#, "tab\there", "line\nbreak", "수출",
            "€", "😀", "\u{1}", "", " ", "/", "\u{7F}", "é"
        ]
        return (0..<Int.random(in: 1...3, using: &rng)).map { _ in pool.randomElement(using: &rng)! }.joined()
    }

    public static func optionalText(_ rng: inout RNG) -> String? { Bool.random(using: &rng) ? text(&rng) : nil }

    public static func eventID(_ rng: inout RNG) -> EventID {
        Bool.random(using: &rng)
            ? EventID(unchecked: "ev-" + String(UInt64.random(in: 0 ... .max, using: &rng), radix: 16))
            : EventID(unchecked: text(&rng).filter { $0.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) } } + "x")
    }

    public static func timestamp(_ rng: inout RNG) -> Timestamp {
        // 1900 to 2100, sometimes whole days (which a writer may spell as a date), sometimes
        // whole seconds, sometimes with microseconds.
        let micros = Int64.random(in: -2_208_988_800_000_000...4_102_444_800_000_000, using: &rng)
        switch Int.random(in: 0...3, using: &rng) {
        case 0: return Timestamp(microseconds: micros - micros % Timestamp.microsecondsPerDay)
        case 1: return Timestamp(microseconds: micros)
        default: return Timestamp(microseconds: micros - micros % 1_000_000)
        }
    }

    public static func period(_ rng: inout RNG) -> Period {
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

    public static func value(_ rng: inout RNG) -> Double {
        switch Int.random(in: 0...3, using: &rng) {
        case 3: return Double(Int.random(in: -99_999...99_999, using: &rng)) / 100
        case 0:
            while true {
                let v = Double(bitPattern: UInt64.random(in: .min ... .max, using: &rng))
                if v.isFinite { return v }
            }
        case 1: return Double(Int.random(in: -1_000_000...1_000_000, using: &rng)) / 10
        default:
            return [
                0, -0.0, 25, 65.8e9, 6e9, 1e-7, 5e-324, 1e-300, -1e-300, 9_007_199_254_740_994, 18_446_744_073_709_551_616,
                -4_611_686_018_427_387_904, 0.1, 1.7976931348623157e308, 2.2250738585072014e-308
            ].randomElement(using: &rng)!
        }
    }

    public static func tags(_ rng: inout RNG) -> [String: String]? {
        guard Bool.random(using: &rng) else { return nil }
        var tags: [String: String] = [:]
        for _ in 0..<Int.random(in: 0...4, using: &rng) { tags[text(&rng)] = text(&rng) }
        return tags
    }

    public static func observation(_ rng: inout RNG) -> Observation {
        Observation(
            series: seriesID(&rng), period: period(&rng), value: value(&rng), releasedAt: timestamp(&rng),
            source: optionalText(&rng), status: optionalText(&rng))
    }

    public static func release(_ rng: inout RNG) -> Release {
        Release(
            releasedAt: timestamp(&rng), source: optionalText(&rng), title: optionalText(&rng), status: optionalText(&rng),
            entries: (0..<Int.random(in: 1...5, using: &rng)).map { _ in
                Release.Entry(
                    series: seriesID(&rng), period: period(&rng), value: value(&rng),
                    status: Int.random(in: 0...2, using: &rng) == 0 ? text(&rng) : nil)
            })
    }

    public static func announcement(_ rng: inout RNG) -> Announcement {
        Announcement(
            releasedAt: timestamp(&rng), source: optionalText(&rng), kind: text(&rng), title: text(&rng),
            parties: Bool.random(using: &rng) ? (0..<Int.random(in: 0...3, using: &rng)).map { _ in text(&rng) } : nil,
            text: optionalText(&rng), tags: tags(&rng),
            effective: Bool.random(using: &rng) ? period(&rng) : nil,
            step: Bool.random(using: &rng) ? Announcement.Step(series: seriesID(&rng), effective: period(&rng), value: value(&rng)) : nil)
    }

    public static func series(_ rng: inout RNG) -> SeriesDefinition {
        SeriesDefinition(
            series: seriesID(&rng), name: optionalText(&rng), unit: optionalText(&rng),
            frequency: Bool.random(using: &rng) ? Frequency.allCases.randomElement(using: &rng) : nil, tags: tags(&rng))
    }

    /// An event that may stand as a replacement: no correction or retraction.
    public static func plainEvent(_ rng: inout RNG) -> Event {
        switch Int.random(in: 0...3, using: &rng) {
        case 0: .series(series(&rng))
        case 1: .observation(observation(&rng))
        case 2: .release(release(&rng))
        default: .announcement(announcement(&rng))
        }
    }

    public static func event(_ rng: inout RNG) -> Event {
        switch Int.random(in: 0...5, using: &rng) {
        case 0...3: plainEvent(&rng)
        case 4: .correction(Correction(target: eventID(&rng), reason: optionalText(&rng), replacement: plainEvent(&rng)))
        default: .retraction(Retraction(target: eventID(&rng), reason: optionalText(&rng)))
        }
    }

    /// Random valid events of all six types.
    public static let any: Generator<Event, Shrink.None<Event>> = Generator { rng in event(&rng) }

    /// A random event together with a seed for spelling it differently.
    public static let withSpelling: Generator<(Event, UInt64), Shrink.None<(Event, UInt64)>> = Generator { rng in
        (event(&rng), UInt64.random(in: 0 ... .max, using: &rng))
    }
}

extension Events {
    /// An observation drawn from a small pool of series, sources and statuses, as a real
    /// stream repeats them, with periods of every kind (some spelled so that the columns
    /// cannot regenerate them).
    public static func pooledObservation(_ rng: inout RNG, pool: [SeriesID]) -> Observation {
        Observation(
            series: pool.randomElement(using: &rng)!, period: period(&rng), value: value(&rng), releasedAt: timestamp(&rng),
            source: [nil, "MOTIE", "KITA", "수출"].randomElement(using: &rng)!,
            status: [nil, nil, "preliminary", "final"].randomElement(using: &rng)!)
    }

    /// A stream of 1 to 60 events as the log would batch them: runs of pooled observations,
    /// releases, corrections of every replacement kind, and any other event; each with an
    /// explicit id or a derived one.
    public static let stream: Generator<[PreparedEvent], Shrink.None<[PreparedEvent]>> = Generator { rng in
        let pool = (0..<Int.random(in: 1...6, using: &rng)).map { _ in seriesID(&rng) }
        let count = Int.random(in: 1...60, using: &rng)
        return (0..<count).map { i in
            let event: Event
            switch Int.random(in: 0...9, using: &rng) {
            case 0...4: event = .observation(pooledObservation(&rng, pool: pool))
            case 5:
                event = .correction(
                    Correction(
                        target: eventID(&rng), reason: optionalText(&rng),
                        replacement: .observation(pooledObservation(&rng, pool: pool))))
            default: event = Events.event(&rng)
            }
            let id: EventID? = Int.random(in: 0...3, using: &rng) == 0 ? eventID(&rng) : nil
            return PreparedEvent(InputEvent(line: i + 1, id: id, event: event))
        }
    }
}

extension Events {
    /// A value with at most `digits` decimals, as statistics are published (sometimes huge,
    /// sometimes restating the previous one).
    public static func decimalValue(_ rng: inout RNG, digits: Int) -> Double {
        let k = Int64.random(in: -9_999_999...9_999_999, using: &rng) * [1, 1, 10, 100_000, 100_000_000][Int.random(in: 0...4, using: &rng)]
        return Double("\(k)e-\(digits)")!
    }

    /// A stream of observations, releases and corrections whose values are all exact decimals
    /// (so the batch stores them predicted, value mode 1 + e), with periods repeating across
    /// figures as revisions do.
    public static let decimalStream: Generator<[PreparedEvent], Shrink.None<[PreparedEvent]>> = Generator { rng in
        let pool = (0..<Int.random(in: 1...5, using: &rng)).map { _ in seriesID(&rng) }
        let periods = (0..<Int.random(in: 1...6, using: &rng)).map { _ in period(&rng) }
        let digits = Int.random(in: 0...6, using: &rng)
        func figure(_ rng: inout RNG) -> Release.Entry {
            Release.Entry(
                series: pool.randomElement(using: &rng)!, period: periods.randomElement(using: &rng)!,
                value: decimalValue(&rng, digits: digits), status: [nil, nil, "p"].randomElement(using: &rng)!)
        }
        func release(_ rng: inout RNG) -> Release {
            Release(
                releasedAt: timestamp(&rng), source: [nil, "KITA"].randomElement(using: &rng)!, title: optionalText(&rng),
                status: [nil, "final"].randomElement(using: &rng)!, entries: (0..<Int.random(in: 1...8, using: &rng)).map { _ in figure(&rng) })
        }
        func observation(_ rng: inout RNG) -> Observation {
            let f = figure(&rng)
            return Observation(series: f.series, period: f.period, value: f.value, releasedAt: timestamp(&rng), source: "MOTIE", status: f.status)
        }
        return (0..<Int.random(in: 1...40, using: &rng)).map { i in
            let event: Event
            switch Int.random(in: 0...5, using: &rng) {
            case 0...1: event = .observation(observation(&rng))
            case 2...3: event = .release(release(&rng))
            case 4: event = .correction(Correction(target: eventID(&rng), reason: optionalText(&rng), replacement: .release(release(&rng))))
            default: event = .correction(Correction(target: eventID(&rng), reason: nil, replacement: .observation(observation(&rng))))
            }
            return PreparedEvent(InputEvent(line: i + 1, id: Bool.random(using: &rng) ? eventID(&rng) : nil, event: event))
        }
    }
}
