import Vintage

/// The revision fan of one series, from every vintage of its points: the series as it stood
/// after each release (the vintages), the first releases and the latest vintages — what
/// ALFRED overlays as a series' vintages.
struct RevisionFan: Hashable, Sendable {
    /// A line of (time, value) points.
    struct Line: Hashable, Sendable {
        var times: [Int64] = []
        var values: [Double] = []
    }

    /// Each point's latest vintage.
    var latest = Line()
    /// Each point's first release.
    var first = Line()
    /// The series as it stood after each release time but the last (whose view is
    /// ``latest``), by release time; at most `most` of them, spread evenly over the releases.
    var vintages: [(releasedAt: Int64, line: Line)] = []
    /// The number of distinct release times, the last one included.
    var releaseCount = 0

    static func == (a: RevisionFan, b: RevisionFan) -> Bool {
        a.latest == b.latest && a.first == b.first && a.releaseCount == b.releaseCount
            && a.vintages.map(\.releasedAt) == b.vintages.map(\.releasedAt) && a.vintages.map(\.line) == b.vintages.map(\.line)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(latest)
        hasher.combine(first)
        hasher.combine(releaseCount)
    }

    /// The fan of `points`, every vintage of a series in valid-time then release-time order
    /// (as ``Store/vintages(of:_:)`` gives them), drawing at most `most` earlier vintages.
    init(_ points: [VintagePoint], most: Int) {
        // Each point's vintages are a run of `points`: runs[k] is the k-th point's range.
        var runs: [Range<Int>] = []
        var start = 0
        for k in points.indices where k + 1 == points.count || points[k + 1].validTime != points[k].validTime {
            runs.append(start..<(k + 1))
            start = k + 1
        }
        for run in runs {
            latest.times.append(points[run.lowerBound].validTime)
            latest.values.append(points[run.upperBound - 1].value)
            first.times.append(points[run.lowerBound].validTime)
            first.values.append(points[run.lowerBound].value)
        }
        let releases = Array(Set(points.map(\.releasedAt))).sorted()
        releaseCount = releases.count
        let earlier = Array(releases.dropLast())
        let chosen: [Int64]
        if earlier.count <= most {
            chosen = earlier
        } else if most <= 1 {
            chosen = most == 1 ? [earlier[0]] : []
        } else {
            chosen = (0..<most).map { earlier[$0 * (earlier.count - 1) / (most - 1)] }
        }
        // For each release time in order, each point's last vintage released by then: a
        // cursor per point only moves forward.
        var cursors = runs.map { $0.lowerBound - 1 }
        for releasedAt in chosen {
            var line = Line()
            for (p, run) in runs.enumerated() {
                while cursors[p] + 1 < run.upperBound && points[cursors[p] + 1].releasedAt <= releasedAt { cursors[p] += 1 }
                if cursors[p] >= run.lowerBound {
                    line.times.append(points[cursors[p]].validTime)
                    line.values.append(points[cursors[p]].value)
                }
            }
            vintages.append((releasedAt, line))
        }
    }
}
