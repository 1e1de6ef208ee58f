import PropertyBased
import Testing
import VintageTestSupport

@testable import VintageCore

@Suite("Periods: every form of SPEC.md and the instant it starts at")
struct PeriodTests {
    /// 2026-01-01T00:00:00Z in seconds (`date -u -d 2026-01-01 +%s`).
    static let newYear2026: Int64 = 1_767_225_600
    static let day: Int64 = 86_400

    @Test(
        "each period form starts at its exact UTC instant",
        arguments: [
            ("2026", newYear2026, Period.Kind.year),
            ("2026-Q1", newYear2026, .quarter),
            ("2026-Q2", newYear2026 + 90 * day, .quarter),  // 1 April
            ("2026-Q4", newYear2026 + 273 * day, .quarter),  // 1 October
            ("2026-01", newYear2026, .month),
            ("2026-12", newYear2026 + 334 * day, .month),
            ("2026-01-31", newYear2026 + 30 * day, .day),
            ("2026-01-31T12:00:00+09:00", newYear2026 + 30 * day + 3 * 3600, .instant),
            ("2026-02-01T00:00:00Z", newYear2026 + 31 * day, .instant),
            ("2026-A1", newYear2026, .year),
            ("2026-S1", newYear2026, .half),
            ("2026-S2", newYear2026 + 181 * day, .half),  // 1 July
            ("2026-M01", newYear2026, .month),
            ("2026-M02", newYear2026 + 31 * day, .month),
            ("2026-W01", newYear2026 - 3 * day, .week),  // Monday 29 December 2025
            ("2026-W05", newYear2026 + 25 * day, .week),  // Monday 26 January
            ("2026-W53", newYear2026 + 361 * day, .week),  // Monday 28 December
            ("2026-D001", newYear2026, .day),
            ("2026-D032", newYear2026 + 31 * day, .day),  // 1 February
            ("2026-D365", newYear2026 + 364 * day, .day),
            ("2026-q3", newYear2026 + 181 * day, .quarter)
        ])
    func startInstants(text: String, startSeconds: Int64, kind: Period.Kind) throws {
        let period = try Period(text)
        #expect(period.start.microseconds == startSeconds * 1_000_000)
        #expect(period.kind == kind)
        #expect(period.text == text)
        #expect(period.description == text)
    }

    @Test("2026-01, 2026-M01 and 2026-01-01 start at the same instant but keep their spelling")
    func sameStartDifferentSpelling() throws {
        let month = try Period("2026-01"), sdmx = try Period("2026-M01"), day = try Period("2026-01-01")
        #expect(month.start == sdmx.start)
        #expect(month.start == day.start)
        #expect(month.start == (try Period("2026-Q1")).start)
        #expect(month.start == (try Period("2026")).start)
        #expect(month != sdmx)
        #expect([month.text, sdmx.text, day.text] == ["2026-01", "2026-M01", "2026-01-01"])
    }

    @Test("ISO week 53 exists exactly in the years that have 53 ISO weeks")
    func week53() throws {
        #expect(CivilDate.isoWeeksInYear(2020) == 53)
        #expect(CivilDate.isoWeeksInYear(2026) == 53)
        #expect(CivilDate.isoWeeksInYear(2021) == 52)
        #expect(try Period("2020-W53").start == Timestamp(CivilDate(year: 2020, month: 12, day: 28)))
        #expect(try Period("2026-W53").start == Timestamp(CivilDate(year: 2026, month: 12, day: 28)))
        #expect(throws: TimeSyntaxError("week 53 does not exist in ISO year 2021")) { try Period("2021-W53") }
        #expect(try Period("2021-W52").start == Timestamp(CivilDate(year: 2021, month: 12, day: 27)))
    }

    @Test("day 366 exists only in leap years")
    func day366() throws {
        #expect(try Period("2024-D366").start == Timestamp(CivilDate(year: 2024, month: 12, day: 31)))
        #expect(throws: TimeSyntaxError.self) { try Period("2025-D366") }
        #expect(try Period("2025-D365").start == Timestamp(CivilDate(year: 2025, month: 12, day: 31)))
    }

    @Test(
        "periods that do not exist or are misspelt are rejected",
        arguments: [
            "2026-Q5", "2026-Q0", "2026-M13", "2026-M00", "2026-S3", "2026-S0", "2026-A2", "2026-W00", "2026-W54",
            "2026-D000", "2026-D366", "2026-13", "2026-00", "2026-02-30", "2025-02-29", "2026-1", "2026-", "26", "",
            "2026-Q", "2026-Q12", "2026-M1", "2026-W5", "2026-D32", "2026-D0320", "2026/01", "2026-X1", "2026-01-31T00:00:00",
            "2026-01-3", "2026-01-31T25:00:00Z", "abcd", " 2026"
        ])
    func rejected(text: String) {
        #expect(throws: TimeSyntaxError.self) { try Period(text) }
    }

    @Test(
        "errors say what is wrong",
        arguments: [
            ("2026-Q5", "a quarter is YYYY-Q1 to YYYY-Q4"),
            ("2026-M13", "a month is YYYY-M01 to YYYY-M12"),
            ("2026-S3", "a half-year is YYYY-S1 or YYYY-S2"),
            ("2025-D366", "a day of the year is YYYY-D001 to YYYY-D365"),
            ("2026-13", "month 13 is out of range"),
            ("2025-02-29", "2025-02-29 is not a calendar date")
        ])
    func errorReasons(text: String, reason: String) {
        #expect(throws: TimeSyntaxError(reason)) { try Period(text) }
    }

    @Test("YYYY-MM, YYYY-Mmm and YYYY-MM-01 start together, for any year and month")
    func monthSpellingsAgree() async {
        await propertyCheck(count: 300, input: Gen.int(in: 1000...9999), Gen.int(in: 1...12)) { (year, month) in
            recordingErrors { () throws in
                let mm = month < 10 ? "0\(month)" : "\(month)"
                let expected = Timestamp(CivilDate(year: year, month: month, day: 1))
                #expect(try Period("\(year)-\(mm)").start == expected)
                #expect(try Period("\(year)-M\(mm)").start == expected)
                #expect(try Period("\(year)-\(mm)-01").start == expected)
                #expect(try Period("\(year)-Q\((month + 2) / 3)").start <= expected)
            }
        }
    }

    @Test("YYYY-Dnnn is the nnn-th day of the year")
    func ordinalDays() async {
        await propertyCheck(count: 500, input: Gen.int(in: 1000...9999), Gen.int(in: 1...366)) { (year, n) in
            recordingErrors { () throws in
                let text = "\(year)-D" + String(repeating: "0", count: 3 - String(n).count) + String(n)
                let days = CivilDate.isLeapYear(year) ? 366 : 365
                if n > days {
                    #expect(throws: TimeSyntaxError.self) { try Period(text) }
                    return
                }
                let start = try Period(text).start
                let jan1 = CivilDate(year: year, month: 1, day: 1).dayNumber
                #expect(start.dayNumber - jan1 == Int64(n - 1))
                #expect(start.civilDate.year == year)
            }
        }
    }

    @Test("YYYY-Www starts on a Monday, seven days after week w-1")
    func weeksStartOnMondays() async {
        await propertyCheck(count: 500, input: Gen.int(in: 1000...9998), Gen.int(in: 2...53)) { (year, w) in
            recordingErrors { () throws in
                let text = "\(year)-W" + (w < 10 ? "0\(w)" : "\(w)")
                let previous = "\(year)-W" + (w - 1 < 10 ? "0\(w - 1)" : "\(w - 1)")
                guard w <= CivilDate.isoWeeksInYear(year) else {
                    #expect(throws: TimeSyntaxError.self) { try Period(text) }
                    return
                }
                let start = try Period(text).start
                #expect(CivilDate.isoWeekday(dayNumber: start.dayNumber) == 1)
                #expect(start.microseconds - (try Period(previous)).start.microseconds == 7 * Timestamp.microsecondsPerDay)
                #expect(start.microseconds % Timestamp.microsecondsPerDay == 0)
            }
        }
    }
}
