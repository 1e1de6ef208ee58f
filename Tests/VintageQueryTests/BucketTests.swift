import PropertyBased
import Testing
import VintageCore
import VintageTestSupport

@testable import VintageQuery

/// Bucket widths parse from their command-line spelling, and bucket starts follow the UTC
/// calendar: ISO weeks from Monday (week 53 included), months, quarters and years across
/// leap years and 1970, epoch-aligned multiples.
@Suite struct BucketTests {
    @Test(arguments: [
        ("1h", Bucket.fixed(microseconds: 3_600_000_000)), ("1d", .fixed(microseconds: 86_400_000_000)),
        ("15m", .fixed(microseconds: 900_000_000)), ("6h", .fixed(microseconds: 21_600_000_000)),
        ("7d", .fixed(microseconds: 7 * 86_400_000_000)), ("1w", .isoWeek), ("1mo", .calendarMonths(1)),
        ("1q", .calendarMonths(3)), ("1y", .calendarMonths(12))
    ])
    func parsesEveryForm(text: String, bucket: Bucket) throws {
        #expect(try Bucket(parsing: text) == bucket)
        #expect(bucket.description == text)
    }

    @Test(arguments: ["", "h", "0h", "-1d", "1.5h", "2w", "3mo", "2y", "1s", "1x", "d1", "99999999999999999999d", "1000001d", " 1h"])
    func refusesOtherText(text: String) {
        #expect(throws: AnalyticQueryError.self) { try Bucket(parsing: text) }
        do { _ = try Bucket(parsing: text) } catch {
            #expect(error.description.hasPrefix("--bucket '\(text)': "))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func isoWeeksStartOnMondayAcrossYears() throws {
        let week = Bucket.isoWeek
        // 2021-01-01 (a Friday) lies in 2020-W53, which starts on Monday 2020-12-28.
        #expect(iso(week.start(of: t("2021-01-01T12:00:00Z"))) == "2020-12-28T00:00:00Z")
        #expect(week.start(of: t("2021-01-03T23:59:59Z")) == p("2020-W53"))
        #expect(week.start(of: t("2021-01-04")) == p("2021-W01"))
        // 2026 has 53 ISO weeks: W53 starts on 2026-12-28 and holds 2027-01-03.
        #expect(week.start(of: t("2027-01-03T10:00:00Z")) == p("2026-W53"))
        #expect(iso(p("2026-W53")) == "2026-12-28T00:00:00Z")
        // 2025-12-29 (Monday) starts 2026-W01.
        #expect(week.start(of: t("2025-12-31")) == p("2026-W01"))
        // Before 1970: 1969-12-31 was a Wednesday.
        #expect(iso(week.start(of: t("1969-12-31T23:00:00Z"))) == "1969-12-29T00:00:00Z")
        #expect(week.next(after: p("2020-W53")) == p("2021-W01"))
    }

    @Test func calendarMonthsQuartersAndYears() {
        let month = Bucket.calendarMonths(1), quarter = Bucket.calendarMonths(3), year = Bucket.calendarMonths(12)
        #expect(month.start(of: t("2024-02-29T23:59:59Z")) == p("2024-02"))
        #expect(month.next(after: p("2024-02")) == p("2024-03"))
        #expect(month.next(after: p("2023-12")) == p("2024-01"))
        #expect(quarter.start(of: t("2026-03-31T23:59:59Z")) == p("2026-Q1"))
        #expect(quarter.start(of: t("2026-04-01")) == p("2026-Q2"))
        #expect(quarter.next(after: p("2025-Q4")) == p("2026-Q1"))
        #expect(year.start(of: t("2024-12-31T23:59:59.999999Z")) == p("2024"))
        #expect(year.next(after: p("2024")) == p("2025"))
        // Before 1970.
        #expect(month.start(of: t("1969-12-31T23:59:59Z")) == p("1969-12"))
        #expect(quarter.start(of: t("1969-11-15")) == p("1969-Q4"))
        #expect(year.start(of: -1) == p("1969"))
        #expect(month.start(of: t("1900-02-28T05:00:00Z")) == p("1900-02"))
    }

    @Test func multiplesAlignToTheEpoch() throws {
        let fifteen = try Bucket(parsing: "15m"), seven = try Bucket(parsing: "7d"), six = try Bucket(parsing: "6h")
        #expect(iso(fifteen.start(of: t("2026-01-01T10:14:59Z"))) == "2026-01-01T10:00:00Z")
        #expect(iso(fifteen.start(of: t("1969-12-31T23:59:59Z"))) == "1969-12-31T23:45:00Z")
        // 7-day buckets start on Thursdays, as 1970-01-01 did.
        #expect(iso(seven.start(of: t("2026-01-07"))) == "2026-01-01T00:00:00Z")
        #expect(iso(seven.start(of: t("1969-12-31"))) == "1969-12-25T00:00:00Z")
        #expect(iso(six.start(of: t("2026-03-01T05:59:59.999999Z"))) == "2026-03-01T00:00:00Z")
        #expect(iso(six.start(of: 0)) == "1970-01-01T00:00:00Z")
    }

    @Test func countsTheBucketsOfARange() throws {
        #expect(Bucket.calendarMonths(1).count(from: p("2025-01-15"), to: p("2025-03")) == 2)
        #expect(Bucket.calendarMonths(1).count(from: p("2025-01-15"), to: p("2025-03-01T00:00:01Z")) == 3)
        #expect(Bucket.isoWeek.count(from: p("2020-W52"), to: p("2021-W02")) == 3)
        #expect(try Bucket(parsing: "1h").count(from: t("1969-12-31T22:30:00Z"), to: t("1970-01-01T01:00:00Z")) == 3)
        #expect(Bucket.calendarMonths(12).count(from: p("2026"), to: p("2026")) == 0)
    }

    /// Every time lies in the bucket its start names, and the next start is the first
    /// boundary after it, against the reference's field-by-field calendar walk.
    @Test func startsAgreeWithTheReference() async {
        let times = Gen.int64(in: p("1600")...p("2400"))
        await propertyCheck(count: 2000, input: times, Gen.int(in: 0...(Scenario.buckets.count - 1))) { time, n in
            recordingErrors {
                let bucket = try Bucket(parsing: Scenario.buckets[n])
                let start = bucket.start(of: time)
                #expect(start == Reference.bucketStart(time, bucket))
                #expect(start <= time && time < bucket.next(after: start))
                #expect(bucket.next(after: start) == Reference.nextBucket(start, bucket))
            }
        }
    }
}
