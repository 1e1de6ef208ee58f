import PropertyBased
import Testing
import VintageTestSupport

@testable import VintageCore

@Suite("Timestamps: ISO-8601 parsing and formatting")
struct TimestampTests {
    /// 2026-02-01T00:00:00Z, from `date -u -d 2026-02-01 +%s`.
    static let february2026: Int64 = 1_769_904_000 * 1_000_000

    @Test(
        "Z and z mean UTC, and T may be written t or a space",
        arguments: [
            "2026-02-01T00:00:00Z", "2026-02-01t00:00:00z", "2026-02-01 00:00:00Z", "2026-02-01T00:00Z"
        ])
    func utcDesignators(text: String) throws {
        #expect(try Timestamp(iso8601: text).microseconds == Self.february2026)
    }

    @Test(
        "offsets ±HH:MM, ±HHMM and ±HH are normalised to UTC",
        arguments: [
            "2026-02-01T09:00:00+09:00", "2026-02-01T09:00:00+0900", "2026-02-01T09:00:00+09",
            "2026-01-31T18:30:00-05:30", "2026-01-31T18:30:00-0530", "2026-01-31T19:00:00-05",
            "2026-02-01T00:00:00+00:00", "2026-02-01T00:00:00-00:00"
        ])
    func offsetsNormalisedToUTC(text: String) throws {
        #expect(try Timestamp(iso8601: text).microseconds == Self.february2026)
    }

    @Test("an offset can move the instant across a day, month and year boundary")
    func offsetCrossesYearBoundary() throws {
        #expect(try Timestamp(iso8601: "2026-01-01T01:00:00+02:00").iso8601 == "2025-12-31T23:00:00Z")
        #expect(try Timestamp(iso8601: "2025-12-31T23:30:00-01:00").iso8601 == "2026-01-01T00:30:00Z")
    }

    @Test(
        "fractions of 1 to 6 digits are kept to the microsecond",
        arguments: [
            ("2026-02-01T00:00:00.5Z", Int64(500_000)), ("2026-02-01T00:00:00.12Z", 120_000),
            ("2026-02-01T00:00:00.123Z", 123_000), ("2026-02-01T00:00:00.1234Z", 123_400),
            ("2026-02-01T00:00:00.12345Z", 123_450), ("2026-02-01T00:00:00.123456Z", 123_456),
            ("2026-02-01T00:00:00.000001Z", 1), ("2026-02-01T00:00:00,25Z", 250_000)
        ])
    func fractionDigitsKept(text: String, fraction: Int64) throws {
        #expect(try Timestamp(iso8601: text).microseconds == Self.february2026 + fraction)
    }

    @Test("digits beyond the microsecond are accepted only when they are zero")
    func subMicrosecondDigits() throws {
        #expect(try Timestamp(iso8601: "2026-02-01T00:00:00.1234560Z").microseconds == Self.february2026 + 123_456)
        #expect(try Timestamp(iso8601: "2026-02-01T00:00:00.000000000Z").microseconds == Self.february2026)
        #expect(try Timestamp(iso8601: "2026-02-01T00:00:00.999999000+00:00").microseconds == Self.february2026 + 999_999)
        #expect(throws: TimeSyntaxError.self) { try Timestamp(iso8601: "2026-02-01T00:00:00.1234567Z") }
        #expect(throws: TimeSyntaxError.self) { try Timestamp(iso8601: "2026-02-01T00:00:00.0000001Z") }
        #expect(throws: TimeSyntaxError.self) { try Timestamp(iso8601: "2026-02-01T00:00:00.Z") }
    }

    @Test(
        "a timestamp without Z or an offset is rejected",
        arguments: [
            "2026-02-01T00:00:00", "2026-02-01T00:00", "2026-02-01T00:00:00.5", "2026-02-01"
        ])
    func missingOffsetRejected(text: String) {
        #expect(throws: TimeSyntaxError.self) { try Timestamp(iso8601: text) }
    }

    @Test("the error for a missing offset says that one is needed")
    func missingOffsetReason() {
        #expect(throws: TimeSyntaxError("a timestamp needs Z or an offset such as +09:00")) {
            try Timestamp(iso8601: "2026-02-01T00:00:00")
        }
    }

    @Test(
        "dates and times that do not exist are rejected",
        arguments: [
            "2025-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-04-31T00:00:00Z",
            "2026-01-00T00:00:00Z", "2026-02-01T24:00:00Z", "2026-02-01T23:60:00Z", "2026-02-01T23:59:60Z",
            "1900-02-29T00:00:00Z"
        ])
    func impossibleDatesRejected(text: String) {
        #expect(throws: TimeSyntaxError.self) { try Timestamp(iso8601: text) }
    }

    @Test("29 February exists in leap years, including 2000")
    func leapDays() throws {
        #expect(try Timestamp(iso8601: "2024-02-29T00:00:00Z").iso8601 == "2024-02-29T00:00:00Z")
        #expect(try Timestamp(iso8601: "2000-02-29T12:00:00Z").iso8601 == "2000-02-29T12:00:00Z")
    }

    @Test(
        "malformed text is rejected",
        arguments: [
            "", "2026", "2026-2-01T00:00:00Z", "2026-02-01X00:00:00Z", "2026-02-01T0:00:00Z", "2026-02-01T00:00:0Z",
            "2026-02-01T00:00:00+9:00", "2026-02-01T00:00:00+09:0", "2026-02-01T00:00:00+24:00", "2026-02-01T00:00:00+09:60",
            "2026-02-01T00:00:00ZZ", "2026-02-01T00:00:00Z ", " 2026-02-01T00:00:00Z", "2026-02-01T00:00:00UTC",
            "２０２６-02-01T00:00:00Z"
        ])
    func malformedRejected(text: String) {
        #expect(throws: TimeSyntaxError.self) { try Timestamp(iso8601: text) }
    }

    @Test(
        "formatting gives YYYY-MM-DDTHH:MM:SSZ, with a fraction only when it is not zero",
        arguments: [
            (Int64(0), "1970-01-01T00:00:00Z"),
            (february2026, "2026-02-01T00:00:00Z"),
            (february2026 + 500_000, "2026-02-01T00:00:00.5Z"),
            (february2026 + 123_456, "2026-02-01T00:00:00.123456Z"),
            (february2026 + 10, "2026-02-01T00:00:00.00001Z"),
            (february2026 + 86_399_999_999, "2026-02-01T23:59:59.999999Z"),
            (-1, "1969-12-31T23:59:59.999999Z"),
            (-86_400_000_000, "1969-12-31T00:00:00Z"),
            (-62_135_596_800_000_000, "0001-01-01T00:00:00Z"),
            (253_402_300_799_000_000, "9999-12-31T23:59:59Z")
        ])
    func formatting(microseconds: Int64, expected: String) {
        let t = Timestamp(microseconds: microseconds)
        #expect(t.iso8601 == expected)
        #expect(t.description == expected)
        var bytes: [UInt8] = Array("x".utf8)
        t.appendISO8601(to: &bytes)
        #expect(bytes == Array(("x" + expected).utf8))
    }

    @Test("timestamps order by instant, whatever offset they were written with")
    func ordering() throws {
        let tokyo = try Timestamp(iso8601: "2026-02-01T08:59:59+09:00")
        let london = try Timestamp(iso8601: "2026-02-01T00:00:00Z")
        #expect(tokyo < london)
        #expect(tokyo.civilDate == CivilDate(year: 2026, month: 1, day: 31))
        #expect(london.civilDate == CivilDate(year: 2026, month: 2, day: 1))
    }

    @Test("the UTC day of an instant rounds down before the epoch")
    func dayNumberBeforeEpoch() {
        #expect(Timestamp(microseconds: -1).dayNumber == -1)
        #expect(Timestamp(microseconds: -86_400_000_000).dayNumber == -1)
        #expect(Timestamp(microseconds: -86_400_000_001).dayNumber == -2)
        #expect(Timestamp(microseconds: 86_399_999_999).dayNumber == 0)
        #expect(Timestamp(CivilDate(year: 1969, month: 12, day: 31)).microseconds == -86_400_000_000)
    }

    /// Instants from 0001-01-01 to 9999-12-31T23:59:59.999999Z, to the microsecond.
    static let instants = Gen.int64(in: -62_135_596_800_000_000...253_402_300_799_999_999)

    @Test("formatting then parsing gives back the same microsecond, years 1 to 9999")
    func formatParseRoundTrip() async {
        await propertyCheck(count: 2000, input: Self.instants) { (micros) in
            recordingErrors { () throws in
                let text = Timestamp(microseconds: micros).iso8601
                #expect(try Timestamp(iso8601: text).microseconds == micros, "\(text)")
                #expect(text.hasSuffix("Z"))
                #expect(text.count == 20 || (22...27).contains(text.count), "\(text)")
                if text.contains(".") { #expect(text.dropLast().last != "0", "trailing zero in \(text)") }
            }
        }
    }

    @Test("the same instant written in any offset parses to the same microsecond")
    func anyOffsetRoundTrip() async {
        // Keep clear of years 1 and 9999 so that local times stay four-digit years.
        let instants = Gen.int64(in: -62_000_000_000_000_000...253_000_000_000_000_000)
        let offsets = Gen.int(in: -(23 * 60 + 59)...(23 * 60 + 59))
        await propertyCheck(count: 1000, input: instants, offsets, Gen.int(in: 0...2)) { (micros, offsetMinutes, style) in
            recordingErrors { () throws in
                let local = Timestamp(microseconds: micros + Int64(offsetMinutes) * 60_000_000).iso8601.dropLast()  // drop "Z"
                let sign = offsetMinutes < 0 ? "-" : "+"
                let h = abs(offsetMinutes) / 60, m = abs(offsetMinutes) % 60
                let hh = h < 10 ? "0\(h)" : "\(h)", mm = m < 10 ? "0\(m)" : "\(m)"
                let offset =
                    switch style {
                    case 0: "\(sign)\(hh):\(mm)"
                    case 1: "\(sign)\(hh)\(mm)"
                    default: m == 0 ? "\(sign)\(hh)" : "\(sign)\(hh):\(mm)"
                    }
                let text = String(local) + offset
                #expect(try Timestamp(iso8601: text).microseconds == micros, "\(text)")
            }
        }
    }
}

extension TimestampTests {
    @Test(
        "an offset that moves the instant outside years 0000–9999 is rejected, so every stored time reads back",
        arguments: [
            "9999-12-31T23:00:00-02:00", "9999-12-31T23:59:59.999999-00:01", "0000-01-01T00:00:00+01:00", "0000-01-01T00:30:00+00:31"
        ])
    func outOfRangeInstantsRejected(text: String) {
        #expect(throws: TimeSyntaxError.self) { try Timestamp(iso8601: text) }
    }

    @Test(
        "the first and last instants of the four-digit years are accepted and read back",
        arguments: [
            "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z", "9999-12-31T23:00:00+09:00", "0000-01-01T09:00:00+09:00"
        ])
    func edgeInstantsAccepted(text: String) throws {
        let t = try Timestamp(iso8601: text)
        #expect(try Timestamp(iso8601: t.iso8601) == t)
    }
}
