import VintageCore
import VintageFolds
import VintageProjection

@testable import VintageQuery

/// UTC microseconds of an ISO-8601 timestamp or date (its midnight) known to be valid.
func t(_ text: String) -> Int64 {
    let full = text.count == 10 ? text + "T00:00:00Z" : text
    do { return try Timestamp(iso8601: full).microseconds } catch { fatalError("bad test timestamp \(text): \(error)") }
}

/// UTC microseconds of the start of a period known to be valid.
func p(_ text: String) -> Int64 {
    do { return try Period(text).start.microseconds } catch { fatalError("bad test period \(text): \(error)") }
}

/// A series id known to be valid.
func s(_ text: String) -> SeriesID { SeriesID(unchecked: text) }

/// The ISO-8601 form of a time, for readable expectations.
func iso(_ time: Int64?) -> String { time.map { Timestamp(microseconds: $0).iso8601 } ?? "-" }

/// A point released at `releasedAt` with seq `seq` (defaults: the point's own time, 1).
func point(_ time: Int64, _ value: Double, releasedAt: Int64? = nil, seq: Int64 = 1) -> VintagePoint {
    VintagePoint(validTime: time, value: value, releasedAt: releasedAt ?? time, seq: seq)
}

/// Whether two values agree to 1e-9 relative to `scale` (at least 1).
func close(_ a: Double, _ b: Double, scale: Double = 0) -> Bool {
    a == b || abs(a - b) <= 1e-9 * Swift.max(1, abs(a), abs(b), scale)
}

/// Whether two results have the same rows, values compared with ``close(_:_:scale:)``.
func agree(_ a: AnalyticResult, _ b: AnalyticResult, scale: Double = 0) -> Bool {
    switch (a, b) {
    case let (.points(x), .points(y)):
        return x.count == y.count
            && zip(x, y).allSatisfy { r, q in
                r.series == q.series && r.points.count == q.points.count
                    && zip(r.points, q.points).allSatisfy { m, n in
                        m.validTime == n.validTime && m.releasedAt == n.releasedAt && m.seq == n.seq && close(m.value, n.value, scale: scale)
                    }
            }
    case let (.aggregates(xs), .aggregates(ys)):
        guard xs.map(\.key) == ys.map(\.key), xs.allSatisfy({ $0.count > 0 }), ys.allSatisfy({ $0.count > 0 }) else { return false }
        let x = xs.flatMap(\.rows), y = ys.flatMap(\.rows)
        return x.count == y.count
            && zip(x, y).allSatisfy { r, q in
                r.key == q.key && r.time == q.time && r.count == q.count && close(r.value, q.value, scale: scale)
            }
    default:
        return false
    }
}

/// A readable form of a result's rows, for failure messages and examples:
/// `key time value count` per aggregate row, `series time value` per point row.
func brief(_ result: AnalyticResult) -> [String] {
    switch result {
    case let .points(rows):
        return rows.flatMap { r in r.points.map { "\(r.series) \(iso($0.validTime)) \($0.value)" } }
    case let .aggregates(rows):
        return rows.flatMap(\.rows).map { r in
            let key: String
            switch r.key {
            case let .series(id): key = id.rawValue
            case let .group(name): key = "[\(name)]"
            }
            return "\(key) \(iso(r.time)) \(r.value) \(r.count)"
        }
    }
}
