import Testing

@testable import VintageCore

@Suite("Rejected input names its line, field and cause")
struct EventRejectionTests {
    static let valid = observation("", nil)
    /// A release whose second figure is `figure`.
    static func release(figure: String) -> String {
        #"{"type":"release","released_at":"2026-02-01T00:00:00Z","observations":[{"series":"a","period":"2026-01","value":1},"#
            + figure + "]}"
    }
    static let announcement = #"{"type":"announcement","released_at":"2026-01-26T22:00:00Z","kind":"tariff","title":"t""#

    @Test("the valid base inputs of these tests are accepted")
    func baseInputsAccepted() throws {
        #expect(rejection(of: Self.valid) == nil)
        #expect(rejection(of: Self.release(figure: #"{"series":"b","period":"2026-01","value":2}"#)) == nil)
        #expect(rejection(of: Self.announcement + "}") == nil)
    }

    @Test(
        "malformed JSON names its line in a multi-line input",
        arguments: [
            Rejection("truncated object", "\(valid)\n\(valid)\n{\"type\":\"observation\",", line: 3, field: nil, reason: "malformed JSON"),
            Rejection("missing colon", "\(valid)\n{\"type\" \"series\",\"series\":\"s\"}", line: 2, field: nil, reason: "expected ':'"),
            Rejection("unterminated string", "\n\n\n{\"type\":\"series\",\"series\":\"s}", line: 4, field: nil, reason: "malformed JSON"),
            Rejection("trailing comma", #"{"type":"series","series":"s",}"#, field: nil, reason: "expected a string"),
            Rejection("single quotes", "{'type':'series'}", field: nil, reason: "malformed JSON"),
            Rejection("missing closing brace", #"{"type":"series","series":"s""#, field: nil, reason: "malformed JSON"),
            Rejection("raw tab in a string", "{\"type\":\"series\",\"series\":\"s\",\"name\":\"a\tb\"}", field: nil, reason: "control character"),
            Rejection("invalid escape", #"{"type":"series","series":"s","name":"a\qb"}"#, field: nil, reason: #"invalid escape \q"#),
            Rejection("short unicode escape", #"{"type":"series","series":"s","name":"\u12"}"#, field: nil, reason: "four hex digits"),
            Rejection("unpaired high surrogate", #"{"type":"series","series":"s","name":"\ud83d"}"#, field: nil, reason: "unpaired surrogate"),
            Rejection("unpaired low surrogate", #"{"type":"series","series":"s","name":"\ude00x"}"#, field: nil, reason: "unpaired surrogate"),
            Rejection("leading zero", observation("value", "065"), field: nil, reason: "cannot start with 0"),
            Rejection("no digits after the point", observation("value", "1."), field: nil, reason: "digits after the decimal point"),
            Rejection("no digits in the exponent", observation("value", "1e+"), field: nil, reason: "digits in the exponent"),
            Rejection("not JSON at all", "\(valid)\nhello world", line: 2, field: nil, reason: "expected an event object, found hello"),
            Rejection("an array on an NDJSON line", "\(valid)\n[1]", line: 2, field: nil, reason: "expected an event object, found an array"),
            Rejection("a number where the object should be", "42", field: nil, reason: "expected an event object, found a number")
        ])
    func malformedJSON(_ rejection: Rejection) { rejection.check() }

    @Test("the column of a syntax error is reported")
    func syntaxErrorColumn() throws {
        let error = try #require(rejection(of: #"{"type":"series" "series":"s"}"#))
        #expect(error.reason == "malformed JSON at column 18: expected ',' or '}' after a field")
    }

    @Test(
        "text after the object on the same line is rejected",
        arguments: [
            Rejection("a word", valid + " x", field: nil, reason: "unexpected text after the event"),
            Rejection("a second object", valid + valid, field: nil, reason: "one event per line"),
            Rejection("a comma", "\(valid)\n\(valid),", line: 2, field: nil, reason: "unexpected text after the event")
        ])
    func textAfterObject(_ rejection: Rejection) { rejection.check() }

    @Test(
        "the event type must be one of the six",
        arguments: [
            Rejection("unknown type", observation("type", #""obs""#), field: "type", reason: "unknown event type 'obs'"),
            Rejection("wrong case", observation("type", #""Observation""#), field: "type", reason: "unknown event type 'Observation'"),
            Rejection("type as a number", observation("type", "1"), field: "type", reason: "expected a string, found a number"),
            Rejection("missing type", #"{"series":"s"}"#, field: "type", reason: "missing (one of series, observation"),
            Rejection("empty object", "{}", field: "type", reason: "missing")
        ])
    func eventType(_ rejection: Rejection) { rejection.check() }

    /// A valid event of each type, as (key, JSON value) pairs in input order.
    static let validFields: [EventType: [(String, String)]] = [
        .series: [("series", #""s""#)],
        .observation: [("series", #""s""#), ("period", #""2026-01""#), ("value", "1"), ("released_at", #""2026-02-01T00:00:00Z""#)],
        .release: [("released_at", #""2026-02-01T00:00:00Z""#), ("observations", #"[{"series":"s","period":"2026-01","value":1}]"#)],
        .announcement: [("released_at", #""2026-01-26T22:00:00Z""#), ("kind", #""tariff""#), ("title", #""t""#)],
        .correction: [("target", #""e1""#), ("replacement", #"{"type":"series","series":"s"}"#)],
        .retraction: [("target", #""e1""#)]
    ]

    static func object(_ type: EventType, without omitted: String? = nil) -> String {
        let fields = [("type", "\"\(type.rawValue)\"")] + validFields[type]!.filter { $0.0 != omitted }
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    @Test("every required field of every type is named when missing", arguments: EventType.allCases)
    func missingRequiredField(type: EventType) throws {
        #expect(rejection(of: Self.object(type)) == nil, "the complete \(type) event is valid")
        for (field, _) in Self.validFields[type]! {
            let input = "\(Self.valid)\n" + Self.object(type, without: field)
            let article = [.observation, .announcement].contains(type) ? "an" : "a"
            Rejection(
                "\(type) without \(field)", input, line: 2, field: field,
                reason: "missing (required in \(article) \(type) event)"
            ).check()
        }
    }

    @Test(
        "fields of a release figure are named when missing",
        arguments: [
            Rejection(
                "figure without value", release(figure: #"{"series":"b","period":"2026-01"}"#), field: "observations[1].value", reason: "missing"),
            Rejection("figure without period", release(figure: #"{"series":"b","value":1}"#), field: "observations[1].period", reason: "missing"),
            Rejection("empty figure", release(figure: "{}"), field: "observations[1].series", reason: "missing"),
            Rejection(
                "replacement without value",
                #"{"type":"correction","target":"e1","replacement":{"type":"observation","series":"s","period":"2026-01","released_at":"2026-02-01T00:00:00Z"}}"#,
                field: "replacement.value", reason: "missing (required in an observation event)")
        ])
    func missingNestedField(_ rejection: Rejection) { rejection.check() }

    @Test(
        "a field of the wrong JSON type is named",
        arguments: [
            Rejection("value as a string", observation("value", #""65.8""#), field: "value", reason: "expected a finite number, found a string"),
            Rejection("value as a boolean", observation("value", "true"), field: "value", reason: "found a boolean"),
            Rejection("value as an array", observation("value", "[1]"), field: "value", reason: "found an array"),
            Rejection("value as an object", observation("value", #"{"v":1}"#), field: "value", reason: "found an object"),
            Rejection("value with a plus sign", observation("value", "+1"), field: "value", reason: "expected a finite number"),
            Rejection("value starting with a point", observation("value", ".5"), field: "value", reason: "expected a finite number"),
            Rejection("series as a number", observation("series", "42"), field: "series", reason: "expected a series id string, found a number"),
            Rejection(
                "period as a number", observation("period", "202601"), field: "period",
                reason: "expected a period string such as 2026-01, found a number"),
            Rejection(
                "released_at as a number", observation("released_at", "1769904000"), field: "released_at",
                reason: "expected an ISO-8601 timestamp string, found a number"),
            Rejection("source as a number", observation("source", "1"), field: "source", reason: "expected a string, found a number"),
            Rejection("status as an array", observation("status", #"["final"]"#), field: "status", reason: "expected a string, found an array"),
            Rejection("id as a number", observation("id", "7"), field: "id", reason: "expected a string, found a number"),
            Rejection("empty id", observation("id", #""""#), field: "id", reason: "an event id cannot be empty"),
            Rejection(
                "name as a boolean", #"{"type":"series","series":"s","name":false}"#, field: "name", reason: "expected a string, found a boolean"),
            Rejection(
                "tags as an array", #"{"type":"series","series":"s","tags":["a"]}"#, field: "tags",
                reason: "expected an object of strings, found an array"),
            Rejection(
                "a tag value as a number", #"{"type":"series","series":"s","tags":{"country":"KR","year":2026}}"#, field: "tags.year",
                reason: "expected a string, found a number"),
            Rejection(
                "parties as a string", announcement + #","parties":"US"}"#, field: "parties", reason: "expected an array of strings, found a string"),
            Rejection(
                "a party as a number", announcement + #","parties":["US",1]}"#, field: "parties[1]", reason: "expected a string, found a number"),
            Rejection(
                "observations as an object", #"{"type":"release","released_at":"2026-02-01T00:00:00Z","observations":{"series":"a"}}"#,
                field: "observations", reason: "expected an array of figures, found an object"),
            Rejection("a figure as a string", release(figure: #""b""#), field: "observations[1]", reason: "expected a figure object, found a string"),
            Rejection(
                "a figure value as a string", release(figure: #"{"series":"b","period":"2026-01","value":"2"}"#), field: "observations[1].value",
                reason: "found a string"),
            Rejection(
                "replacement as a string", #"{"type":"correction","target":"e1","replacement":"e2"}"#, field: "replacement",
                reason: "expected an event object, found a string"),
            Rejection("target as a number", #"{"type":"retraction","target":17}"#, field: "target", reason: "expected a string, found a number"),
            Rejection(
                "reason as null", #"{"type":"retraction","target":"e1","reason":null}"#, field: "reason", reason: "expected a string, found null"),
            Rejection(
                "effective as a number", announcement + #","series":"us.tariff.kr","effective":20260201,"value":25}"#, field: "effective",
                reason: "found a number")
        ])
    func mistypedField(_ rejection: Rejection) { rejection.check() }

    @Test(
        "null and non-finite values are rejected",
        arguments: [
            Rejection("null value", observation("value", "null"), field: "value", reason: "expected a finite number, found null"),
            Rejection("null series", observation("series", "null"), field: "series", reason: "found null"),
            Rejection("null optional source", observation("source", "null"), field: "source", reason: "found null"),
            Rejection("NaN", observation("value", "NaN"), field: "value", reason: "expected a finite number, found NaN"),
            Rejection("nan", observation("value", "nan"), field: "value", reason: "found nan"),
            Rejection("Infinity", observation("value", "Infinity"), field: "value", reason: "expected a finite number, found Infinity"),
            Rejection("-Infinity", observation("value", "-Infinity"), field: "value", reason: "expected a finite number, found -Infinity"),
            Rejection("-NaN", observation("value", "-NaN"), field: "value", reason: "found -NaN"),
            Rejection("1e400 overflows", observation("value", "1e400"), field: "value", reason: "expected a finite number, found one out of range"),
            Rejection("-1e400 overflows", observation("value", "-1e400"), field: "value", reason: "out of range"),
            Rejection("2e308 overflows", observation("value", "2e308"), field: "value", reason: "out of range"),
            Rejection("a huge exponent overflows", observation("value", "1e99999999999999999999"), field: "value", reason: "out of range"),
            Rejection("400 digits overflow", observation("value", "1" + String(repeating: "0", count: 400)), field: "value", reason: "out of range"),
            Rejection(
                "a figure overflows", release(figure: #"{"series":"b","period":"2026-01","value":1e400}"#), field: "observations[1].value",
                reason: "out of range"),
            Rejection(
                "an announcement step overflows", announcement + #","series":"us.tariff.kr","effective":"2026-02-01","value":-1e400}"#,
                field: "value", reason: "out of range")
        ])
    func nonFiniteValue(_ rejection: Rejection) { rejection.check() }

    @Test("underflow to zero is not an error: the nearest double is stored")
    func underflowIsZero() throws {
        guard case .observation(let o) = try decodeEvent(observation("value", "1e-400")) else { Issue.record("not an observation"); return }
        #expect(o.value == 0)
    }

    @Test(
        "bad timestamps name released_at and say why",
        arguments: [
            Rejection(
                "no such day", observation("released_at", #""2026-02-30T00:00:00Z""#), field: "released_at",
                reason: "2026-02-30 is not a calendar date"),
            Rejection(
                "29 February of a common year", observation("released_at", #""2025-02-29T00:00:00Z""#), field: "released_at",
                reason: "not a calendar date"),
            Rejection("hour 24", observation("released_at", #""2026-02-01T24:00:00Z""#), field: "released_at", reason: "out of range"),
            Rejection("not a date", observation("released_at", #""yesterday""#), field: "released_at", reason: "expected a date YYYY-MM-DD"),
            Rejection("no offset", observation("released_at", #""2026-02-01T00:00:00""#), field: "released_at", reason: "needs Z or an offset"),
            Rejection(
                "a date that does not exist", observation("released_at", #""2026-02-30""#), field: "released_at",
                reason: "2026-02-30 is not a calendar date"),
            Rejection(
                "a date and an hour", observation("released_at", #""2026-02-01T09""#), field: "released_at", reason: "expected a time HH:MM[:SS]"),
            Rejection(
                "nanoseconds", observation("released_at", #""2026-02-01T00:00:00.0000001Z""#), field: "released_at",
                reason: "finer than a microsecond"),
            Rejection(
                "past year 9999 in UTC", observation("released_at", #""9999-12-31T23:00:00-02:00""#), field: "released_at",
                reason: "outside the years 0000–9999"),
            Rejection(
                "in a release",
                #"{"type":"release","released_at":"2026-02-01T00:00:00","observations":[{"series":"a","period":"2026-01","value":1}]}"#,
                field: "released_at", reason: "e.g. 2026-02-01T00:00:00Z"),
            Rejection(
                "in a replacement",
                #"{"type":"correction","target":"e1","replacement":{"type":"announcement","released_at":"2026-13-01T00:00:00Z","kind":"k","title":"t"}}"#,
                field: "replacement.released_at", reason: "not a calendar date")
        ])
    func badTimestamp(_ rejection: Rejection) { rejection.check() }

    @Test(
        "bad periods name their field and say why",
        arguments: [
            Rejection("month 13", observation("period", #""2026-13""#), field: "period", reason: "month 13 is out of range"),
            Rejection("quarter 5", observation("period", #""2026-Q5""#), field: "period", reason: "a quarter is YYYY-Q1 to YYYY-Q4"),
            Rejection("week 53 of 2021", observation("period", #""2021-W53""#), field: "period", reason: "week 53 does not exist in ISO year 2021"),
            Rejection("gibberish", observation("period", #""January""#), field: "period", reason: "expected a period such as"),
            Rejection("a timestamp without offset", observation("period", #""2026-01-01T00:00:00""#), field: "period", reason: "Z or an offset"),
            Rejection(
                "in a figure", release(figure: #"{"series":"b","period":"2026-M13","value":2}"#), field: "observations[1].period",
                reason: "a month is YYYY-M01 to YYYY-M12"),
            Rejection(
                "effective", announcement + #","series":"us.tariff.kr","effective":"2026-02-30","value":25}"#, field: "effective",
                reason: "not a calendar date")
        ])
    func badPeriod(_ rejection: Rejection) { rejection.check() }

    @Test(
        "bad series ids name their field and say why",
        arguments: [
            Rejection(
                "a comma", observation("series", #""KR,exports.total""#), field: "series",
                reason: "uses only a-z (A-Z read as a-z), 0-9 and . _ - / : (found 'KR,exports.total')"),
            Rejection("a space", observation("series", #""kr exports""#), field: "series", reason: "uses only"),
            Rejection("non-ASCII", observation("series", #""kr.수출""#), field: "series", reason: "uses only"),
            Rejection("an escaped space", observation("series", #""kr\u0020""#), field: "series", reason: "uses only"),
            Rejection("empty", observation("series", #""""#), field: "series", reason: "a series id cannot be empty"),
            Rejection(
                "129 characters", observation("series", "\"" + String(repeating: "x", count: 129) + "\""), field: "series",
                reason: "at most 128 characters (this one has 129)"),
            Rejection("in a series event", #"{"type":"series","series":"Total!"}"#, field: "series", reason: "uses only"),
            Rejection(
                "in a figure", release(figure: #"{"series":"B B","period":"2026-01","value":2}"#), field: "observations[1].series",
                reason: "uses only"),
            Rejection(
                "in an announcement", announcement + #","series":"US tariff","effective":"2026-02-01","value":25}"#, field: "series",
                reason: "uses only")
        ])
    func badSeriesID(_ rejection: Rejection) { rejection.check() }

    @Test("a series id of exactly 128 characters is accepted")
    func longestSeriesID() {
        #expect(rejection(of: observation("series", "\"" + String(repeating: "x", count: 128) + "\"")) == nil)
    }

    @Test(
        "unknown and misplaced fields are rejected by name",
        arguments: [
            Rejection("unknown field", observation("colour", #""red""#), field: "colour", reason: "unknown field"),
            Rejection("unknown field before the type", #"{"colour":"red","type":"series","series":"s"}"#, field: "colour", reason: "unknown field"),
            Rejection("wrong case of a field", observation("Value", "1"), field: "Value", reason: "unknown field"),
            Rejection("empty key", observation("", "1"), field: "", reason: "unknown field"),
            Rejection("a field of another type", observation("kind", #""tariff""#), field: "kind", reason: "not a field of an observation event"),
            Rejection("title on an observation", observation("title", #""t""#), field: "title", reason: "not a field of an observation event"),
            Rejection("value on a series", #"{"type":"series","series":"s","value":1}"#, field: "value", reason: "not a field of a series event"),
            Rejection(
                "period on an announcement", announcement + #","period":"2026-01"}"#, field: "period", reason: "not a field of an announcement event"),
            Rejection(
                "unknown field in a replacement", #"{"type":"correction","target":"e1","replacement":{"type":"series","series":"s","colour":"red"}}"#,
                field: "replacement.colour", reason: "unknown field"),
            Rejection(
                "unknown field in a release figure", release(figure: #"{"series":"b","period":"2026-01","value":2,"source":"final"}"#),
                field: "observations[1].source", reason: "not a field of a release figure (series, period, value, status)")
        ])
    func unknownField(_ rejection: Rejection) { rejection.check() }

    @Test(
        "a field given twice is rejected by name",
        arguments: [
            Rejection(
                "value twice", #"{"type":"observation","series":"s","period":"2026-01","value":1,"value":2,"released_at":"2026-02-01T00:00:00Z"}"#,
                field: "value", reason: "appears twice"),
            Rejection("type twice", #"{"type":"series","type":"series","series":"s"}"#, field: "type", reason: "appears twice"),
            Rejection("series twice, second invalid", #"{"type":"series","series":"s","series":"S"}"#, field: "series", reason: "appears twice"),
            Rejection(
                "twice in a figure", release(figure: #"{"series":"b","period":"2026-01","value":2,"period":"2026-02"}"#),
                field: "observations[1].period", reason: "appears twice"),
            Rejection("a tag twice", #"{"type":"series","series":"s","tags":{"a":"1","a":"2"}}"#, field: "tags.a", reason: "appears twice"),
            Rejection(
                "twice in a replacement", #"{"type":"correction","target":"e1","replacement":{"type":"series","series":"s","name":"a","name":"b"}}"#,
                field: "replacement.name", reason: "appears twice")
        ])
    func duplicatedField(_ rejection: Rejection) { rejection.check() }

    @Test(
        "frequency must be one of the six",
        arguments: [
            Rejection(
                "hourly", #"{"type":"series","series":"s","frequency":"hourly"}"#, field: "frequency",
                reason: "unknown frequency 'hourly' (expected one of daily, weekly, monthly, quarterly, annual, irregular)"),
            Rejection(
                "upper case", #"{"type":"series","series":"s","frequency":"Monthly"}"#, field: "frequency", reason: "unknown frequency 'Monthly'"),
            Rejection("a number", #"{"type":"series","series":"s","frequency":12}"#, field: "frequency", reason: "expected a string, found a number")
        ])
    func badFrequency(_ rejection: Rejection) { rejection.check() }

    @Test(
        "a replacement carries no id and is neither a correction nor a retraction",
        arguments: [
            Rejection(
                "replacement with an id", #"{"type":"correction","target":"e1","replacement":{"id":"e2","type":"series","series":"s"}}"#,
                field: "replacement.id", reason: "a replacement carries no id"),
            Rejection(
                "replacement that is a correction",
                #"{"type":"correction","target":"e1","replacement":{"type":"correction","target":"e0","replacement":{"type":"series","series":"s"}}}"#,
                field: "replacement.type", reason: "a replacement cannot be a correction"),
            Rejection(
                "replacement that is a retraction", #"{"type":"correction","target":"e1","replacement":{"type":"retraction","target":"e0"}}"#,
                field: "replacement.type", reason: "a replacement cannot be a retraction"),
            Rejection(
                "replacement without a type", #"{"type":"correction","target":"e1","replacement":{"series":"s"}}"#,
                field: "replacement.type", reason: "missing"),
            Rejection(
                "replacement with an unknown type", #"{"type":"correction","target":"e1","replacement":{"type":"fix"}}"#,
                field: "replacement.type", reason: "unknown event type 'fix'")
        ])
    func badReplacement(_ rejection: Rejection) { rejection.check() }

    @Test("a deeply nested chain of replacements is rejected without exhausting the stack")
    func deeplyNestedReplacements() throws {
        let depth = 100_000
        let input =
            String(repeating: #"{"type":"correction","target":"e","replacement":"#, count: depth)
            + #"{"type":"series","series":"s"}"# + String(repeating: "}", count: depth)
        let error = try #require(rejection(of: input))
        #expect(error.field?.hasPrefix("replacement.") == true, "\(error)")
    }

    @Test(
        "an announcement's series and value go together and need effective",
        arguments: [
            Rejection(
                "series and effective without value", announcement + #","series":"us.tariff.kr","effective":"2026-02-01"}"#,
                field: "value", reason: "missing (an announcement's series needs the value it takes from effective)"),
            Rejection(
                "series without effective and value", announcement + #","series":"us.tariff.kr"}"#, field: "effective",
                reason: "need the day they take effect"),
            Rejection(
                "series and value without effective", announcement + #","series":"us.tariff.kr","value":25}"#, field: "effective",
                reason: "need the day they take effect"),
            Rejection(
                "value without series", announcement + #","effective":"2026-02-01","value":25}"#, field: "series",
                reason: "give series and effective too"),
            Rejection("value alone", announcement + #","value":25}"#, field: "series", reason: "give series and effective too"),
            Rejection(
                "in a replacement", #"{"type":"correction","target":"e1","replacement":"# + announcement + #","series":"us.tariff.kr"}}"#,
                field: "replacement.effective", reason: "need the day they take effect")
        ])
    func incompleteAnnouncementStep(_ rejection: Rejection) { rejection.check() }

    @Test("a release needs at least one figure")
    func emptyRelease() {
        Rejection(
            "empty observations", #"{"type":"release","released_at":"2026-02-01T00:00:00Z","observations":[]}"#,
            field: "observations", reason: "a release needs at least one figure"
        ).check()
        Rejection(
            "empty observations with spaces", #"{"type":"release","released_at":"2026-02-01T00:00:00Z","observations":[ ]}"#,
            field: "observations", reason: "a release needs at least one figure"
        ).check()
    }

    @Test("the first bad line of an input is the one reported")
    func firstErrorWins() throws {
        let input = [Self.valid, observation("value", "NaN"), observation("series", #""BAD""#)].joined(separator: "\n")
        let error = try #require(rejection(of: input))
        #expect(error == EventInputError(line: 2, field: "value", reason: "expected a finite number, found NaN"))
        #expect(error.description == "line 2: field 'value': expected a finite number, found NaN")
    }

    @Test("input quoted in an error is shown escaped, so the description stays one line")
    func descriptionStaysOneLine() throws {
        let type = try #require(rejection(of: #"{"type":"obs\nervation\u001b[31m"}"#))
        #expect(type.field == "type")
        #expect(type.reason.contains("'obs\nervation\u{1B}[31m'"))
        #expect(type.description.hasPrefix(#"line 1: field 'type': unknown event type 'obs\nervation\u{1B}[31m'"#))
        let key = try #require(rejection(of: #"{"type":"series","series":"s","ta\r\ngs":{}}"#))
        #expect(key.field == "ta\r\ngs")
        #expect(key.description == #"line 1: field 'ta\r\ngs': unknown field"#)
        let escape = try #require(rejection(of: "[\n{\"type\":\"series\",\"series\":\"s\",\"name\":\"a\\\nb\"}]"))
        #expect(escape.line == 2)
        #expect(escape.description == "line 2: malformed JSON at column 41: invalid escape: a backslash before byte 0x0A")
        #expect(!escape.description.contains("\n"))
    }

    @Test("invalid UTF-8 inside a string is malformed JSON")
    func invalidUTF8() throws {
        var bytes = Array(#"{"type":"series","series":"s","name":""#.utf8)
        bytes += [0xC3, 0x28]  // a lead byte followed by an ASCII byte
        bytes += Array(#""}"#.utf8)
        #expect(throws: EventInputError.self) { try decodeEvents(bytes: bytes) }
        do {
            _ = try decodeEvents(bytes: bytes)
        } catch {
            #expect(error.line == 1)
            #expect(error.field == nil)
            #expect(error.reason.contains("invalid UTF-8"), "\(error)")
        }
    }
}
