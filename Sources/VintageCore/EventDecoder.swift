#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decodes one event object of SPEC.md's NDJSON schema from a ``JSONScanner``, validating
/// every field as it is read. Errors name the field path; ``NDJSONReader`` adds the line.
struct EventDecoder {
    /// A rejection of one field (or of the object, when `field` is nil).
    struct FieldError: Error {
        var field: String?
        var reason: String
    }

    /// The fields any event type may carry.
    enum Field: String, CaseIterable {
        case type, id, series, name, unit, frequency, tags, period, value
        case releasedAt = "released_at"
        case source, status, title, observations, kind, parties, effective, text, target, reason, replacement

        var bit: UInt32 {
            switch self {
            case .type: 1 << 0
            case .id: 1 << 1
            case .series: 1 << 2
            case .name: 1 << 3
            case .unit: 1 << 4
            case .frequency: 1 << 5
            case .tags: 1 << 6
            case .period: 1 << 7
            case .value: 1 << 8
            case .releasedAt: 1 << 9
            case .source: 1 << 10
            case .status: 1 << 11
            case .title: 1 << 12
            case .observations: 1 << 13
            case .kind: 1 << 14
            case .parties: 1 << 15
            case .effective: 1 << 16
            case .text: 1 << 17
            case .target: 1 << 18
            case .reason: 1 << 19
            case .replacement: 1 << 20
            }
        }

        /// The field named by UTF-8 bytes, without making a `String`.
        /// (A switch on the length and first byte, then one comparison with a static string:
        /// no table of arrays to retain and release on every key of every event.)
        init?(utf8 name: UnsafeBufferPointer<UInt8>) {
            guard let base = name.baseAddress, let first = name.first else { return nil }
            func named(_ text: StaticString, _ field: Field) -> Field? {
                text.utf8CodeUnitCount == name.count && memcmp(text.utf8Start, base, name.count) == 0 ? field : nil
            }
            let found: Field?
            switch (name.count, first) {
            case (2, UInt8(ascii: "i")): found = named("id", .id)
            case (4, UInt8(ascii: "t")): found = named("type", .type) ?? named("tags", .tags) ?? named("text", .text)
            case (4, UInt8(ascii: "n")): found = named("name", .name)
            case (4, UInt8(ascii: "u")): found = named("unit", .unit)
            case (4, UInt8(ascii: "k")): found = named("kind", .kind)
            case (5, UInt8(ascii: "v")): found = named("value", .value)
            case (5, UInt8(ascii: "t")): found = named("title", .title)
            case (6, UInt8(ascii: "s")): found = named("series", .series) ?? named("source", .source) ?? named("status", .status)
            case (6, UInt8(ascii: "p")): found = named("period", .period)
            case (6, UInt8(ascii: "t")): found = named("target", .target)
            case (6, UInt8(ascii: "r")): found = named("reason", .reason)
            case (7, UInt8(ascii: "p")): found = named("parties", .parties)
            case (9, UInt8(ascii: "f")): found = named("frequency", .frequency)
            case (9, UInt8(ascii: "e")): found = named("effective", .effective)
            case (11, UInt8(ascii: "r")): found = named("released_at", .releasedAt) ?? named("replacement", .replacement)
            case (12, UInt8(ascii: "o")): found = named("observations", .observations)
            default: found = nil
            }
            guard let found else { return nil }
            self = found
        }

        /// The fields whose bits are set in `mask`.
        static func fields(in mask: UInt32) -> [Field] { allCases.filter { mask & $0.bit != 0 } }

        /// The bits of several fields.
        static func mask(_ fields: [Field]) -> UInt32 { fields.reduce(0) { $0 | $1.bit } }
    }

    /// Fields allowed per type as bit masks: `(required, optional)`, computed once.
    private static let allowedMasks: [(required: UInt32, optional: UInt32)] = EventType.allCases.map { type in
        let (required, optional) = allowed(for: type)
        return (Field.mask(required), Field.mask(optional) | Field.type.bit)
    }

    /// Fields allowed per type: `(required, optional)`.
    static func allowed(for type: EventType) -> (required: [Field], optional: [Field]) {
        switch type {
        case .series: ([.series], [.id, .name, .unit, .frequency, .tags])
        case .observation: ([.series, .period, .value, .releasedAt], [.id, .source, .status])
        case .release: ([.releasedAt, .observations], [.id, .source, .title, .status])
        case .announcement: ([.releasedAt, .kind, .title], [.id, .source, .parties, .text, .tags, .series, .effective, .value])
        case .correction: ([.target, .replacement], [.id, .reason])
        case .retraction: ([.target], [.id, .reason])
        }
    }

    /// The field values read so far from one object.
    private struct Fields {
        var present: UInt32 = 0
        var type: EventType?
        var id: EventID?
        var series: SeriesID?
        var name, unit, source, status, title, kind, text, reason: String?
        var frequency: Frequency?
        var tags: [String: String]?
        var period, effective: Period?
        var value: Double?
        var releasedAt: Timestamp?
        var observations: [Release.Entry]?
        /// The byte ranges whose text, put together, is the `observations` array's canonical
        /// JSON, when the array is written that way but for trailing zeros of decimals (see
        /// ``canonicalEntry(_:previous:recentPeriods:index:numberEnd:canonicalNumberEnd:)``).
        var canonicalObservations: [Range<Int>]?
        var parties: [String]?
        var target: EventID?
        var replacement: Event?
    }

    /// Reads one event object. `prefix` is the field path of a nested event (`replacement.`).
    static func decodeEvent(_ s: inout JSONScanner, prefix: String = "", nested: Bool = false) throws -> (EventID?, Event) {
        var canonicalObservations: [Range<Int>]?
        return try decodeEvent(&s, prefix: prefix, nested: nested, canonicalObservations: &canonicalObservations)
    }

    /// ``decodeEvent(_:prefix:nested:)``, setting `canonicalObservations` to the byte ranges
    /// whose text, put together, is a release's `observations` array as canonical JSON, when
    /// the input wrote it so (but for trailing zeros of decimals, which the ranges leave
    /// out), so that the event's canonical JSON can copy it instead of writing every figure again.
    static func decodeEvent(
        _ s: inout JSONScanner, prefix: String = "", nested: Bool = false, canonicalObservations: inout [Range<Int>]?,
        recentPeriods: RecentPeriods? = nil
    ) throws -> (EventID?, Event) {
        guard s.nextKind() == .object else {
            throw FieldError(field: nested ? String(prefix.dropLast()) : nil, reason: "expected an event object, found \(describeNext(&s))")
        }
        s.position += 1
        var f = Fields()
        if !s.consume(UInt8(ascii: "}")) {
            repeat {
                let keyStart = s.position
                guard let field = try s.withStringBytes({ Field(utf8: $0) }) else {
                    s.position = keyStart
                    throw FieldError(field: prefix + (try s.readString()), reason: "unknown field")
                }
                try s.expect(UInt8(ascii: ":"), "':' after the key \"\(field.rawValue)\"")
                guard f.present & field.bit == 0 else { throw FieldError(field: prefix + field.rawValue, reason: "appears twice") }
                f.present |= field.bit
                // A replacement is never a correction, so it never holds a replacement: refuse one
                // before reading it, so that a deep chain of replacements cannot exhaust the stack.
                if nested, field == .replacement {
                    throw FieldError(field: prefix + field.rawValue, reason: "a replacement cannot be a correction")
                }
                try read(field, into: &f, from: &s, path: prefix + field.rawValue, recentPeriods: recentPeriods)
                if nested, field == .type, let type = f.type, type == .correction || type == .retraction {
                    throw FieldError(field: prefix + field.rawValue, reason: "a replacement cannot be a \(type)")
                }
            } while s.consume(UInt8(ascii: ","))
            try s.expect(UInt8(ascii: "}"), "',' or '}' after a field")
        }
        guard let type = f.type else {
            throw FieldError(field: prefix + "type", reason: "missing (one of \(EventType.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if nested, f.id != nil {
            throw FieldError(field: prefix + "id", reason: "a replacement carries no id (it takes its target's place)")
        }
        let (required, optional) = allowedMasks[type.index]
        if let field = Field.fields(in: f.present & ~(required | optional)).first {
            throw FieldError(field: prefix + field.rawValue, reason: "not a field of \(type.withArticle) event")
        }
        if let field = Field.fields(in: required & ~f.present).first {
            throw FieldError(field: prefix + field.rawValue, reason: "missing (required in \(type.withArticle) event)")
        }
        let event = try build(type, f, prefix: prefix)
        canonicalObservations = type == .release ? f.canonicalObservations : nil
        return (f.id, event)
    }

    private static func build(_ type: EventType, _ f: Fields, prefix: String) throws -> Event {
        switch type {
        case .series:
            return .series(SeriesDefinition(series: f.series!, name: f.name, unit: f.unit, frequency: f.frequency, tags: f.tags))
        case .observation:
            return .observation(
                Observation(series: f.series!, period: f.period!, value: f.value!, releasedAt: f.releasedAt!, source: f.source, status: f.status))
        case .release:
            return .release(Release(releasedAt: f.releasedAt!, source: f.source, title: f.title, status: f.status, entries: f.observations!))
        case .announcement:
            // `effective` may stand alone; `series` and `value` come together and need it.
            var step: Announcement.Step?
            switch (f.series, f.effective, f.value) {
            case let (series?, effective?, value?):
                step = Announcement.Step(series: series, effective: effective, value: value)
            case (nil, _, nil):
                step = nil
            case (nil, _, _?):
                throw FieldError(
                    field: prefix + "series", reason: "missing (an announcement's value is the rate of a series: give series and effective too)")
            case (_?, nil, _):
                throw FieldError(field: prefix + "effective", reason: "missing (an announcement's series and value need the day they take effect)")
            case (_?, _?, nil):
                throw FieldError(field: prefix + "value", reason: "missing (an announcement's series needs the value it takes from effective)")
            }
            return .announcement(
                Announcement(
                    releasedAt: f.releasedAt!, source: f.source, kind: f.kind!, title: f.title!,
                    parties: f.parties, text: f.text, tags: f.tags,
                    effective: step == nil ? f.effective : nil, step: step))
        case .correction:
            return .correction(Correction(target: f.target!, reason: f.reason, replacement: f.replacement!))
        case .retraction:
            return .retraction(Retraction(target: f.target!, reason: f.reason))
        }
    }

    private static func read(
        _ field: Field, into f: inout Fields, from s: inout JSONScanner, path: @autoclosure () -> String, recentPeriods: RecentPeriods?
    ) throws {
        switch field {
        case .type:
            let start = s.position
            if s.nextKind() == .string, let t = try s.withStringBytes({ EventType(utf8: $0) }) {
                f.type = t
                return
            }
            s.position = start
            let text = try string(&s, path())
            guard let t = EventType(rawValue: text) else {
                throw FieldError(
                    field: path(),
                    reason: "unknown event type '\(text)' (expected one of \(EventType.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            f.type = t
        case .id:
            do { f.id = try EventID(try string(&s, path())) } catch let e as IdentifierSyntaxError {
                throw FieldError(field: path(), reason: e.reason)
            }
        case .target:
            do { f.target = try EventID(try string(&s, path())) } catch let e as IdentifierSyntaxError {
                throw FieldError(field: path(), reason: e.reason)
            }
        case .series:
            f.series = try seriesID(&s, path())
        case .name: f.name = try string(&s, path())
        case .unit: f.unit = try string(&s, path())
        case .source: f.source = try string(&s, path())
        case .status: f.status = try string(&s, path())
        case .title: f.title = try string(&s, path())
        case .kind: f.kind = try string(&s, path())
        case .text: f.text = try string(&s, path())
        case .reason: f.reason = try string(&s, path())
        case .frequency:
            let text = try string(&s, path())
            guard let fr = Frequency(rawValue: text) else {
                throw FieldError(
                    field: path(),
                    reason: "unknown frequency '\(text)' (expected one of \(Frequency.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            f.frequency = fr
        case .tags: f.tags = try stringMap(&s, path())
        case .period: f.period = try period(&s, path())
        case .effective: f.effective = try period(&s, path())
        case .value: f.value = try finiteNumber(&s, path())
        case .releasedAt: f.releasedAt = try timestamp(&s, path())
        case .parties: f.parties = try stringArray(&s, path())
        case .observations:
            var canonicalText: [Range<Int>]? = []
            f.observations = try entries(&s, path(), canonicalText: &canonicalText, recentPeriods: recentPeriods ?? RecentPeriods())
            f.canonicalObservations = canonicalText
        case .replacement: f.replacement = try decodeEvent(&s, prefix: path() + ".", nested: true).1
        }
    }

    // MARK: Typed field readers

    static func describeNext(_ s: inout JSONScanner) -> String {
        let kind = s.nextKind()
        switch kind {
        case .invalid:
            let word = s.bareWord()
            return word.isEmpty ? "invalid JSON" : word
        case .null, .bool:
            // Kinds are told by the first byte: name `nan` or `tru` as written, not as null or a boolean.
            let word = s.bareWord()
            return word == "null" || word == "true" || word == "false" ? kind.description : word
        default:
            return kind.description
        }
    }

    static func string(_ s: inout JSONScanner, _ path: @autoclosure () -> String) throws -> String {
        guard s.nextKind() == .string else { throw FieldError(field: path(), reason: "expected a string, found \(describeNext(&s))") }
        return try s.readString()
    }

    static func seriesID(_ s: inout JSONScanner, _ path: @autoclosure () -> String) throws -> SeriesID {
        guard s.nextKind() == .string else { throw FieldError(field: path(), reason: "expected a series id string, found \(describeNext(&s))") }
        let result: Result<SeriesID, IdentifierSyntaxError> = try s.withStringBytes { SeriesID.parse($0) }
        switch result {
        case .success(let id): return id
        case .failure(let e): throw FieldError(field: path(), reason: e.reason)
        }
    }

    static func finiteNumber(_ s: inout JSONScanner, _ path: @autoclosure () -> String) throws -> Double {
        guard s.nextKind() == .number else {
            throw FieldError(field: path(), reason: "expected a finite number, found \(describeNext(&s))")
        }
        // `-Infinity` and `-NaN`, as some JSON writers emit them, start like a number.
        if s.text[s.position] == UInt8(ascii: "-"), s.position + 1 < s.text.count, !ASCIIDigits.isDigit(s.text[s.position + 1]) {
            throw FieldError(field: path(), reason: "expected a finite number, found \(s.bareWord())")
        }
        let v = try s.readNumber()
        guard v.isFinite else { throw FieldError(field: path(), reason: "expected a finite number, found one out of range") }
        return v
    }

    private static func timestamp(_ s: inout JSONScanner, _ path: @autoclosure () -> String) throws -> Timestamp {
        guard s.nextKind() == .string else {
            throw FieldError(field: path(), reason: "expected an ISO-8601 timestamp string, found \(describeNext(&s))")
        }
        let result: Result<Timestamp, TimeSyntaxError> = try s.withStringBytes { Timestamp.parseDateOrTimestamp($0) }
        switch result {
        case .success(let t): return t
        case .failure(let e): throw FieldError(field: path(), reason: "\(e.reason) (\(Timestamp.dateOrTimestampExample))")
        }
    }

    static func period(_ s: inout JSONScanner, _ path: @autoclosure () -> String) throws -> Period {
        guard s.nextKind() == .string else {
            throw FieldError(field: path(), reason: "expected a period string such as 2026-01, found \(describeNext(&s))")
        }
        let result: Result<Period, TimeSyntaxError> = try s.withStringBytes { bytes in
            Period.parseStart(bytes).map { Period(text: String(decoding: bytes, as: UTF8.self), start: $0.start, kind: $0.kind) }
        }
        switch result {
        case .success(let p): return p
        case .failure(let e): throw FieldError(field: path(), reason: e.reason)
        }
    }

    private static func stringMap(_ s: inout JSONScanner, _ path: @autoclosure () -> String) throws -> [String: String] {
        guard s.nextKind() == .object else { throw FieldError(field: path(), reason: "expected an object of strings, found \(describeNext(&s))") }
        s.position += 1
        var map: [String: String] = [:]
        if s.consume(UInt8(ascii: "}")) { return map }
        repeat {
            let key = try s.readString()
            try s.expect(UInt8(ascii: ":"), "':' after a key")
            guard map[key] == nil else { throw FieldError(field: "\(path()).\(key)", reason: "appears twice") }
            map[key] = try string(&s, "\(path()).\(key)")
        } while s.consume(UInt8(ascii: ","))
        try s.expect(UInt8(ascii: "}"), "',' or '}' in \(path())")
        return map
    }

    private static func stringArray(_ s: inout JSONScanner, _ path: @autoclosure () -> String) throws -> [String] {
        guard s.nextKind() == .array else { throw FieldError(field: path(), reason: "expected an array of strings, found \(describeNext(&s))") }
        s.position += 1
        var items: [String] = []
        if s.consume(UInt8(ascii: "]")) { return items }
        repeat { items.append(try string(&s, "\(path())[\(items.count)]")) } while s.consume(UInt8(ascii: ","))
        try s.expect(UInt8(ascii: "]"), "',' or ']' in \(path())")
        return items
    }
}

extension EventType {
    /// The type with its indefinite article, for messages: `an observation`, `a release`.
    var withArticle: String {
        switch self {
        case .observation, .announcement: "an \(rawValue)"
        case .series, .release, .correction, .retraction: "a \(rawValue)"
        }
    }
}

extension Period {
    /// Creates a period from parts already validated together.
    init(text: String, start: Timestamp, kind: Kind) {
        self.text = text
        self.start = start
        self.kind = kind
    }
}
