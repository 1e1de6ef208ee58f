import PropertyBased
import Testing
import VintageCore

@testable import VintageQuery

/// "One year earlier" follows the calendar: the same month and day (29 February to 28
/// February), or for weekly data the same ISO week and weekday (none for a week 53 the
/// earlier year lacks).
@Suite struct YearEarlierTests {
    @Test func sameMonthAndDay() {
        #expect(YearEarlier.time(before: p("2026-01"), isoWeeks: false) == p("2025-01"))
        #expect(YearEarlier.time(before: p("2026-Q3"), isoWeeks: false) == p("2025-Q3"))
        #expect(YearEarlier.time(before: t("2025-03-01T06:30:00Z"), isoWeeks: false) == t("2024-03-01T06:30:00Z"))
        #expect(YearEarlier.time(before: p("1970-01-01"), isoWeeks: false) == p("1969-01-01"))
        #expect(YearEarlier.time(before: p("1969-06-30"), isoWeeks: false) == p("1968-06-30"))
    }

    @Test func leapDayMapsToTheLastOfFebruary() {
        #expect(YearEarlier.time(before: p("2024-02-29"), isoWeeks: false) == p("2023-02-28"))
        #expect(YearEarlier.time(before: p("2025-02-28"), isoWeeks: false) == p("2024-02-28"))
        #expect(YearEarlier.time(before: p("2000-02-29"), isoWeeks: false) == p("1999-02-28"))
    }

    @Test func sameISOWeek() {
        #expect(YearEarlier.time(before: p("2026-W05"), isoWeeks: true) == p("2025-W05"))
        #expect(YearEarlier.time(before: p("2021-W01"), isoWeeks: true) == p("2020-W01"))
        // 2020-W53 and 2026-W53 have no counterpart: 2019 and 2025 have 52 ISO weeks.
        #expect(YearEarlier.time(before: p("2020-W53"), isoWeeks: true) == nil)
        #expect(YearEarlier.time(before: p("2026-W53"), isoWeeks: true) == nil)
        #expect(YearEarlier.time(before: p("2026-W52"), isoWeeks: true) == p("2025-W52"))
        // A Wednesday keeps its weekday: 2026-01-07 (W02) → 2025-01-08 (W02).
        #expect(YearEarlier.time(before: p("2026-01-07"), isoWeeks: true) == p("2025-01-08"))
        // Weeks crossing the year: 2021-01-02 lies in 2020-W53 → none.
        #expect(YearEarlier.time(before: p("2021-01-02"), isoWeeks: true) == nil)
    }

    @Test func agreesWithTheReference() async {
        await propertyCheck(count: 2000, input: Gen.int64(in: p("1600")...p("2400")), Gen.bool) { time, weekly in
            let earlier = YearEarlier.time(before: time, isoWeeks: weekly)
            #expect(earlier == Reference.yearEarlier(time, weekly: weekly))
            if let earlier { #expect(time - earlier <= YearEarlier.longestStep && time - earlier >= 364 * Reference.day) }
        }
    }
}
