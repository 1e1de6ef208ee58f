import Foundation
import Testing

/// End-to-end tests of `vintage revisions` and `vintage announcements` through the built
/// binary: every option and format, corrections and retractions, and one-line errors.
@Suite struct TimelineCommandTests {
    static let events = """
        {"type":"series","series":"kr.exports.total","unit":"USD","frequency":"monthly","tags":{"country":"KR"}}
        {"type":"series","series":"us.tariff.kr","unit":"percent","frequency":"irregular"}
        {"type":"observation","series":"kr.exports.total","period":"2025-11","value":0,"released_at":"2025-12-01T00:00:00Z"}
        {"type":"observation","series":"kr.exports.total","period":"2025-11","value":1e9,"released_at":"2026-01-01T00:00:00Z"}
        {"type":"observation","id":"jan-total","series":"kr.exports.total","period":"2026-01","value":65.8e9,"released_at":"2026-02-01T00:00:00Z"}
        {"type":"observation","series":"kr.exports.total","period":"2026-M01","value":65.9e9,"released_at":"2026-02-15T00:00:00Z"}
        {"type":"announcement","id":"a-deal","released_at":"2025-10-29T12:00:00Z","source":"US President","kind":"tariff","title":"US cuts tariffs to 15%","parties":["US","KR"],"series":"us.tariff.kr","effective":"2025-11-01","value":15}
        {"type":"announcement","id":"a-hike","released_at":"2026-01-26T22:00:00Z","source":"US President","kind":"tariff","title":"US raises tariffs to 25%","parties":["US","KR"],"series":"us.tariff.kr","effective":"2026-02-01","value":25,"tags":{"topic":"autos"}}
        {"type":"announcement","id":"a-talks","released_at":"2026-01-10T00:00:00Z","kind":"note","title":"Talks, in Seoul","parties":["KR","JP"]}
        {"type":"announcement","id":"a-typo","released_at":"2026-02-20T00:00:00Z","kind":"tariff","title":"wrong","parties":["US"]}
        {"type":"correction","id":"fix-jan","target":"jan-total","reason":"typo","replacement":{"type":"observation","series":"kr.exports.total","period":"2026-01","value":65.7e9,"released_at":"2026-02-01T00:00:00Z"}}
        {"type":"correction","id":"fix-hike","target":"a-hike","reason":"title","replacement":{"type":"announcement","released_at":"2026-01-26T22:00:00Z","source":"US President","kind":"tariff","title":"US raises tariffs to 25% from 15%","parties":["US","KR"],"series":"us.tariff.kr","effective":"2026-02-01","value":25,"tags":{"topic":"autos"}}}
        {"type":"retraction","id":"drop-typo","target":"a-typo","reason":"never announced"}

        """

    /// A store holding `events` at seqs 1–13: the January figure corrected at 11, the hike
    /// announcement corrected at 12, the typo announcement retracted at 13.
    func makeStore() throws -> VintageProcess {
        try VintageProcess.holding(Self.events)
    }

    // MARK: revisions

    static let revisionsHeader =
        "series,time,first_value,first_released_at,latest_value,latest_released_at,revisions,revision,revision_pct,periods,mean_abs_revision\n"

    @Test func revisionsGivePerPeriodFirstAndLatestAndTheMeanAbsoluteRevision() throws {
        let v = try makeStore()
        defer { v.remove() }
        let pct = (65.9e9 - 65.7e9) / 65.7e9 * 100
        let now = try v.run(["revisions", "kr.exports.total"])
        #expect(now.status == 0, "\(now.stderr)")
        // November was first released as 0: no percentage. January's first release is the corrected one.
        #expect(
            now.stdout == Self.revisionsHeader + """
                kr.exports.total,2025-11-01T00:00:00Z,0,2025-12-01T00:00:00Z,1000000000,2026-01-01T00:00:00Z,1,1000000000,,,
                kr.exports.total,2026-01-01T00:00:00Z,65700000000,2026-02-01T00:00:00Z,65900000000,2026-02-15T00:00:00Z,1,200000000,\(pct),,
                kr.exports.total,,,,,,,,,2,600000000

                """)
        // As known on 10 February: January had one vintage (the corrected one).
        let asOf = try v.run(["revisions", "kr.exports.total", "--as-of", "2026-02-10"])
        #expect(
            asOf.stdout.hasSuffix(
                """
                kr.exports.total,2026-01-01T00:00:00Z,65700000000,2026-02-01T00:00:00Z,65700000000,2026-02-01T00:00:00Z,0,0,0,,
                kr.exports.total,,,,,,,,,2,500000000

                """))
        // Before the correction (seq 10) January's first release is the original figure.
        let before = try v.run(["revisions", "kr.exports.total", "--from", "2026-01", "--at-seq", "10"])
        #expect(
            before.stdout == Self.revisionsHeader + """
                kr.exports.total,2026-01-01T00:00:00Z,65800000000,2026-02-01T00:00:00Z,65900000000,2026-02-15T00:00:00Z,1,100000000,\((65.9e9 - 65.8e9) / 65.8e9 * 100),,
                kr.exports.total,,,,,,,,,1,100000000

                """)
        let november = try v.run(["revisions", "kr.exports.total", "--to", "2026-01", "--format", "json"])
        #expect(
            november.stdout == """
                {"series":"kr.exports.total","time":"2025-11-01T00:00:00Z","first_value":0,"first_released_at":"2025-12-01T00:00:00Z","latest_value":1000000000,"latest_released_at":"2026-01-01T00:00:00Z","revisions":1,"revision":1000000000}
                {"series":"kr.exports.total","periods":1,"mean_abs_revision":1000000000,"summary":true}

                """)
        // No period in range: only the summary, with no mean.
        #expect(try v.run(["revisions", "kr.exports.total", "--from", "2030"]).stdout == Self.revisionsHeader + "kr.exports.total,,,,,,,,,0,\n")
        let table = try v.run(["revisions", "kr.exports.total", "--format", "table"])
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("series            time"))
        #expect(lines[3].split(separator: " ").suffix(2) == ["2", "600000000"])
        let timed = try v.run(["revisions", "us.tariff.kr", "--timing"])
        #expect(timed.stdout.hasSuffix("us.tariff.kr,,,,,,,,,2,0\n"))
        #expect(timed.stderr.hasPrefix("Run Time: "))
        #expect(timed.stderr.hasSuffix(" (query, in process)\n"))
    }

    @Test func revisionsRejectionsAreOneLine() throws {
        let v = try makeStore()
        defer { v.remove() }
        let unknown = try v.run(["revisions", "kr.exports.totl"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "vintage: unknown series 'kr.exports.totl' (did you mean 'kr.exports.total'?)\n")
        let beyond = try v.run(["revisions", "kr.exports.total", "--at-seq", "99"])
        #expect(beyond.status == 1)
        #expect(beyond.stderr == "vintage: --at-seq 99 is beyond the end of the log (last seq 13)\n")
        for arguments in [
            ["revisions"], ["revisions", "KR EXPORTS"], ["revisions", "kr.exports.total", "--at-seq", "0"],
            ["revisions", "kr.exports.total", "--from", "January"], ["revisions", "kr.exports.total", "--as-of", "2026-13"],
            ["revisions", "kr.exports.total", "--format", "xml"]
        ] {
            let result = try v.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(!result.stderr.isEmpty, "\(arguments)")
        }
    }

    // MARK: announcements

    static let announcementsHeader = "released_at,effective,source,kind,title,parties,series,value,seq,id,correction\n"
    static let deal = "2025-10-29T12:00:00Z,2025-11-01T00:00:00Z,US President,tariff,US cuts tariffs to 15%,US;KR,us.tariff.kr,15,7,a-deal,\n"
    static let talks = "2026-01-10T00:00:00Z,,,note,\"Talks, in Seoul\",KR;JP,,,9,a-talks,\n"
    static let hike =
        "2026-01-26T22:00:00Z,2026-02-01T00:00:00Z,US President,tariff,US raises tariffs to 25% from 15%,US;KR,us.tariff.kr,25,12,a-hike,fix-hike\n"
    static let originalHike =
        "2026-01-26T22:00:00Z,2026-02-01T00:00:00Z,US President,tariff,US raises tariffs to 25%,US;KR,us.tariff.kr,25,8,a-hike,\n"
    static let typo = "2026-02-20T00:00:00Z,,,tariff,wrong,US,,,10,a-typo,\n"

    @Test func announcementsAreATimelineByEffectiveDayWithCorrectionsApplied() throws {
        let v = try makeStore()
        defer { v.remove() }
        func run(_ arguments: String...) throws -> String {
            let result = try v.run(["announcements"] + arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return result.stdout
        }
        // Ordered by effective day (else when made); the retracted one is gone, the corrected one restated.
        #expect(try run() == Self.announcementsHeader + Self.deal + Self.talks + Self.hike)
        // Before the correction and the retraction, the original and the typo are there.
        #expect(try run("--at-seq", "11") == Self.announcementsHeader + Self.deal + Self.talks + Self.originalHike + Self.typo)
        #expect(try run("--at-seq", "12") == Self.announcementsHeader + Self.deal + Self.talks + Self.hike + Self.typo)
        // --as-of on when made (a date is the end of that day); the correction shows there too.
        #expect(try run("--as-of", "2026-01-26") == Self.announcementsHeader + Self.deal + Self.talks + Self.hike)
        #expect(try run("--as-of", "2026-01-26T21:59:59Z") == Self.announcementsHeader + Self.deal + Self.talks)
        #expect(try run("--as-of", "2026-01-25", "--at-seq", "11") == Self.announcementsHeader + Self.deal + Self.talks)
        // --from inclusive, --to exclusive, on the effective day (or when made).
        #expect(try run("--from", "2026-01", "--to", "2026-02") == Self.announcementsHeader + Self.talks)
        #expect(try run("--from", "2026-02-01") == Self.announcementsHeader + Self.hike)
        #expect(try run("--to", "2025-11-01T00:00:01Z") == Self.announcementsHeader + Self.deal)
        #expect(try run("--party", "JP") == Self.announcementsHeader + Self.talks)
        #expect(try run("--party", "US") == Self.announcementsHeader + Self.deal + Self.hike)
        #expect(try run("--party", "XX") == Self.announcementsHeader)
        #expect(try run("--where", "topic=autos") == Self.announcementsHeader + Self.hike)
        #expect(try run("--where", "topic=autos", "--where", "topic=steel") == Self.announcementsHeader)
        #expect(
            try run("--where", "topic=autos", "--party", "KR", "--from", "2026", "--as-of", "2026-03-01", "--at-seq", "13")
                == Self.announcementsHeader + Self.hike)
        #expect(
            try run("--party", "JP", "--format", "json") == """
                {"released_at":"2026-01-10T00:00:00Z","kind":"note","title":"Talks, in Seoul","parties":["KR","JP"],"seq":9,"id":"a-talks"}

                """)
        #expect(
            try run("--to", "2025-12", "--format", "json") == """
                {"released_at":"2025-10-29T12:00:00Z","effective":"2025-11-01T00:00:00Z","source":"US President","kind":"tariff","title":"US cuts tariffs to 15%","parties":["US","KR"],"series":"us.tariff.kr","value":15,"seq":7,"id":"a-deal"}

                """)
        let table = try run("--format", "table").split(separator: "\n")
        #expect(table.count == 4)
        #expect(table[0].hasPrefix("released_at           effective             source"))
        #expect(table[2].contains("Talks, in Seoul "))
        #expect(table[2].contains(" KR;JP "))
        let timed = try v.run(["announcements", "--timing"])
        #expect(timed.stderr.hasPrefix("Run Time: "))
        #expect(timed.stderr.hasSuffix(" (query, in process)\n"))
        // The same answers after a replay, and verify agrees.
        #expect(try v.run(["replay"]).status == 0)
        #expect(try run("--at-seq", "11") == Self.announcementsHeader + Self.deal + Self.talks + Self.originalHike + Self.typo)
        #expect(try run() == Self.announcementsHeader + Self.deal + Self.talks + Self.hike)
        #expect(try v.run(["verify"]).status == 0)
    }

    @Test func announcementsRejectionsAreOneLine() throws {
        let v = try makeStore()
        defer { v.remove() }
        let beyond = try v.run(["announcements", "--at-seq", "14"])
        #expect(beyond.status == 1)
        #expect(beyond.stderr == "vintage: --at-seq 14 is beyond the end of the log (last seq 13)\n")
        for arguments in [
            ["--party", ""], ["--where", "topic"], ["--where", "=autos"], ["--at-seq", "0"], ["--from", "January"],
            ["--as-of", "2026-13"], ["--party"], ["kr.exports.total"]
        ] {
            let result = try v.run(["announcements"] + arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(!result.stderr.isEmpty, "\(arguments)")
        }
    }

    @Test func helpExplainsBothCommands() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        let help = try v.run(["--help"])
        #expect(help.stdout.contains("revisions"))
        #expect(help.stdout.contains("announcements"))
        let revisions = try v.run(["revisions", "--help"])
        #expect(revisions.status == 0)
        #expect(revisions.stdout.contains("mean absolute revision"))
        let announcements = try v.run(["announcements", "--help"])
        #expect(announcements.status == 0)
        #expect(announcements.stdout.contains("--party"))
    }
}
