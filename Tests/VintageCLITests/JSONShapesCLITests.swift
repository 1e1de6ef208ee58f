import Foundation
import Testing

/// The shapes of `--format json` output that programs (and jq) rely on.
@Suite struct JSONShapesCLITests {
    static func objects(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    @Test func seriesTagsAreAJSONObject() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        try v.write(
            "defs.ndjson",
            """
            {"type":"series","series":"us.payrolls","frequency":"monthly","tags":{"source":"FRED","category":"labor"}}
            {"type":"series","series":"us.untagged"}

            """)
        #expect(try v.run(["append", "defs.ndjson"]).status == 0)
        let rows = try Self.objects(try v.run(["series", "--format", "json"]).stdout)
        #expect(rows.count == 2)
        let tagged = try #require(rows.first { $0["series"] as? String == "us.payrolls" })
        #expect(tagged["tags"] as? [String: String] == ["source": "FRED", "category": "labor"])
        #expect(tagged["points"] as? Int == 0)
        let untagged = try #require(rows.first { $0["series"] as? String == "us.untagged" })
        #expect(untagged["tags"] as? [String: String] == [:])
        // CSV and tables keep key=value pairs, in key order.
        let csv = try v.run(["series", "--format", "csv"]).stdout
        #expect(csv.contains(#"us.payrolls,,,monthly,"category=labor,source=FRED",0,0"#))
    }

    @Test func theRevisionsSummaryIsMarkedInJSON() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        try v.write(
            "events.ndjson",
            Sample.definitions + Sample.january + """
                {"type":"observation","series":"kr.exports.total","period":"2026-01","value":66.0e9,"released_at":"2026-03-01T00:00:00Z"}
                {"type":"observation","series":"kr.exports.total","period":"2026-02","value":60.0e9,"released_at":"2026-03-01T00:00:00Z"}

                """)
        #expect(try v.run(["append", "events.ndjson"]).status == 0)
        let rows = try Self.objects(try v.run(["revisions", "kr.exports.total", "--format", "json"]).stdout)
        #expect(rows.count == 3)
        for period in rows.dropLast() {
            #expect(period["summary"] == nil)
            #expect(period["time"] is String)
            #expect(period["revisions"] is Int)
            #expect(period["periods"] == nil)
        }
        let summary = try #require(rows.last)
        #expect(summary["summary"] as? Bool == true)
        #expect(summary["series"] as? String == "kr.exports.total")
        #expect(summary["periods"] as? Int == 2)
        #expect(summary["mean_abs_revision"] is Double)
        #expect(summary["time"] == nil)
        // CSV keeps its columns: the summary is the row without a time.
        let csv = try v.run(["revisions", "kr.exports.total", "--format", "csv"]).stdout.split(separator: "\n")
        #expect(
            csv.first
                == "series,time,first_value,first_released_at,latest_value,latest_released_at,revisions,revision,revision_pct,periods,mean_abs_revision"
        )
        #expect(csv.last?.hasPrefix("kr.exports.total,,,,,,,,,2,") == true)
    }
}
