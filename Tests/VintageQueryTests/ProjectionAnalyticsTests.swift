import PropertyBased
import Testing
import VintageCore
import VintageTestSupport

@testable import VintageFolds
@testable import VintageProjection
@testable import VintageQuery

/// The engine over a real projection — points in small chunks and a head, revised
/// vintages, every vintage option — answers like the reference over the points the
/// projection selects. Whatever runs `Projection.scanPoints` hands out (columns, or chunk
/// summaries where allowed), the rows must be the same.
@Suite struct ProjectionAnalyticsTests {
    /// Daily, weekly and monthly series with revisions, folded into chunks of 40 rows.
    static func build(in path: String) throws -> (Projection, MemoryLog, [SelectedSeries]) {
        var log = MemoryLog()
        try log.append(
            """
            {"type":"series","series":"d","frequency":"daily","tags":{"g":"x"}}
            {"type":"series","series":"m","frequency":"monthly","tags":{"g":"x"}}
            {"type":"series","series":"w","frequency":"weekly"}
            """)
        var projection = try Projection.open(inStore: path)
        try projection.catchUp(log: log, to: Int64(log.events.count))
        projection.writer = SeriesChunkWriter(rowsPerChunk: 40)
        var rng = SplitMix64(state: 11)
        var lines: [String] = []
        let start = CivilDate(year: 2023, month: 11, day: 20).dayNumber
        for n in 0..<800 where rng.next() % 7 != 0 {
            let day = Timestamp(microseconds: (start + Int64(n)) * Timestamp.microsecondsPerDay)
            let period = String(day.iso8601.prefix(10))
            for revision in 0..<Int(rng.next() % 3) + 1 {
                let released = Timestamp(microseconds: day.microseconds + Int64(revision + 1) * 5 * Timestamp.microsecondsPerDay)
                lines.append(
                    #"{"type":"observation","series":"d","period":"\#(period)","value":\#(Int(rng.next() % 200) - 50),"released_at":"\#(released.iso8601)"}"#
                )
            }
            let date = day.civilDate
            if date.day == 1 {
                lines.append(
                    #"{"type":"observation","series":"m","period":"\#(period.prefix(7))","value":\#(Int(rng.next() % 90) + 1),"released_at":"\#(released(day, 20))"}"#
                )
                lines.append(
                    #"{"type":"observation","series":"m","period":"\#(period.prefix(7))","value":\#(Int(rng.next() % 90) + 1),"released_at":"\#(released(day, 50))"}"#
                )
            }
            if CivilDate.isoWeekday(dayNumber: start + Int64(n)) == 1 {
                lines.append(
                    #"{"type":"observation","series":"w","period":"\#(period)","value":\#(Int(rng.next() % 90) - 30),"released_at":"\#(released(day, 3))"}"#
                )
            }
        }
        // Appended and folded in several steps, so that compaction writes chunks and a head remains.
        for part in stride(from: 0, to: lines.count, by: 700) {
            try log.append(lines[part..<min(part + 700, lines.count)].joined(separator: "\n"))
            try projection.catchUp(log: log, to: Int64(log.events.count))
        }
        let metadata = projection.metadata()
        let series = metadata.keys.sorted().map { SelectedSeries(id: $0, metadata: metadata[$0]!) }
        return (projection, log, series)
    }

    static func released(_ day: Timestamp, _ days: Int64) -> String {
        Timestamp(microseconds: day.microseconds + days * Timestamp.microsecondsPerDay).iso8601
    }

    @Test func engineOverTheProjectionAgreesWithTheReference() throws {
        try withScratchDirectory { path in
            let (built, log, series) = try Self.build(in: path)
            #expect(built.manifest.series[s("d")]!.chunks.count > 5)
            var source = CountingSource(base: built)
            var rng = SplitMix64(state: 5)
            func pick<T>(_ options: [T]) -> T { options[Int(rng.next() % UInt64(options.count))] }
            let bounds: [Int64?] = [nil, p("2024-01"), p("2024-02-29"), p("2024-W10"), p("2025-01-01T12:00:00Z"), p("2025-06")]
            let asOfs: [Int64?] = [nil, t("2024-06-30T23:59:59Z"), t("2025-01-15")]
            var compared = 0
            for _ in 0..<120 {
                let view = PointQuery(
                    from: pick(bounds), to: pick(bounds), asOf: pick(asOfs),
                    atSeq: rng.next() % 4 == 0 ? Int64(rng.next() % UInt64(log.events.count)) + 1 : nil,
                    firstRelease: rng.next() % 3 == 0)
                let aggregate: Aggregate? = rng.next() % 4 == 0 ? nil : pick(Aggregate.allCases)
                let bucket = aggregate == nil || rng.next() % 5 == 0 ? nil : try Bucket(parsing: pick(Scenario.buckets))
                let transform: Transform? = rng.next() % 2 == 0 ? nil : pick(Transform.allCases)
                let fill: Fill? = transform == nil && rng.next() % 3 == 0 ? pick(Fill.allCases) : nil
                guard
                    let query = try? AnalyticQuery(
                        points: view, aggregate: aggregate, bucket: bucket, fill: fill,
                        groupBy: aggregate != nil && rng.next() % 3 == 0 ? "g" : nil, transform: transform)
                else { continue }
                var whole = view
                whole.from = nil
                whole.to = nil
                var points: [SeriesID: [VintagePoint]] = [:], vintages: [SeriesID: [VintagePoint]] = [:]
                for selected in series {
                    points[selected.id] = try source.base.points(of: selected.id, whole)
                    vintages[selected.id] = try source.base.rows(of: selected.id).filter(whole.admits).map(VintagePoint.init)
                }
                let engine = try query.run(on: &source, series: series)
                let reference = Reference.run(query, series: series, points: points, vintages: vintages)
                #expect(agree(engine, reference), "\(query)\nengine \(brief(engine).prefix(20))\nreference \(brief(reference).prefix(20))")
                compared += brief(reference).isEmpty ? 0 : 1
            }
            #expect(compared > 40)
            #expect(source.summaries > 0, "the projection handed out no chunk summary")
        }
    }
}

/// A source that passes everything to `base` and counts the summaries its scans hand out.
struct CountingSource<Base: SeriesPointSource>: SeriesPointSource {
    var base: Base
    var summaries = 0

    mutating func points(of series: SeriesID, _ query: PointQuery) throws(ProjectionError) -> [VintagePoint] {
        try base.points(of: series, query)
    }

    mutating func scanPoints(
        of series: SeriesID, _ query: PointQuery, summarizing: (Int64, Int64) -> Bool,
        _ body: (PointRun) -> Void
    ) throws(ProjectionError) {
        var count = 0
        try base.scanPoints(of: series, query, summarizing: summarizing) { run in
            if case .summary = run { count += 1 }
            body(run)
        }
        summaries += count
    }
}
