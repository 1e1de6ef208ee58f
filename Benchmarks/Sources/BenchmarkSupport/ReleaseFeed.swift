/// NDJSON event files in the shape of `tools/datagen` (SPEC.md's events), generated in process
/// so that a benchmark needs no file and no Python: series definitions, then `release` events
/// in release-time order.
public enum ReleaseFeed {
    /// Monthly trade releases: `countries` × `products` series (`trade.cNN.pNN`, tags country,
    /// product, flow), `months` months from January 2000. Each country publishes one release a
    /// month (on day 1 + country % 15 of the next month) giving the new month and revising the
    /// two before it, so a point has up to 3 vintages. Values have 4 significant digits.
    public static func trade(countries: Int, products: Int, months: Int, seed: UInt64 = 11) -> (ndjson: [UInt8], events: Int, observations: Int) {
        var rng = SplitMix64(state: seed)
        var text = ""
        var events = 0, observations = 0
        func id(_ c: Int, _ p: Int) -> String { "trade.c\(pad(c)).p\(pad(p))" }
        for c in 0..<countries {
            for p in 0..<products {
                text +=
                    #"{"type":"series","series":"\#(id(c, p))","frequency":"monthly","tags":{"country":"C\#(pad(c))","product":"p\#(pad(p))","flow":"export"}}"#
                    + "\n"
                events += 1
            }
        }
        var level = (0..<countries * products).map { _ in Double.random(in: 1e8...1e10, using: &rng) }
        // The latest figure of each series for the three most recent months.
        var recent = [[Double]](repeating: [], count: countries * products)
        for m in 0..<months {
            for c in 0..<countries {
                let year = 2000 + (m + 1) / 12, month = (m + 1) % 12 + 1
                let releasedAt = "\(year)-\(pad(month))-\(pad(1 + c % 15))T00:00:00Z"
                var entries: [String] = []
                for p in 0..<products {
                    let s = c * products + p
                    level[s] *= 1 + 0.05 * (Double.random(in: 0..<1, using: &rng) - 0.5)
                    recent[s].append(TradeLikeRows.fourDigits(level[s]))
                    if recent[s].count > 3 { recent[s].removeFirst() }
                    for (k, value) in recent[s].enumerated() {
                        let back = recent[s].count - 1 - k
                        // A revision moves the figure by a few units of its 4th digit.
                        if back > 0 { recent[s][k] = TradeLikeRows.fourDigits(value * (1 + 0.002 * Double(back))) }
                        let pm = m - back
                        entries.append(#"{"series":"\#(id(c, p))","period":"\#(2000 + pm / 12)-\#(pad(pm % 12 + 1))","value":\#(recent[s][k])}"#)
                    }
                }
                observations += entries.count
                text +=
                    #"{"type":"release","id":"rel-\#(c)-\#(m)","source":"customs","released_at":"\#(releasedAt)","observations":["#
                    + entries.joined(separator: ",") + "]}\n"
                events += 1
            }
        }
        return (Array(text.utf8), events, observations)
    }

    /// Dense 10-second series: `series` series (`dense.sNN`, tag kind=dense), `hours` hours from
    /// 2025-01-01; one release per series per hour (360 points, released at the end of the hour),
    /// values a random walk around 100 with 5 decimal places.
    public static func dense(series: Int, hours: Int, seed: UInt64 = 12) -> (ndjson: [UInt8], events: Int, observations: Int) {
        var rng = SplitMix64(state: seed)
        var text = ""
        var events = 0, observations = 0
        for s in 0..<series {
            text += #"{"type":"series","series":"dense.s\#(pad(s))","frequency":"irregular","tags":{"kind":"dense"}}"# + "\n"
            events += 1
        }
        var value = [Int64](repeating: 10_000_000, count: series)  // in units of 1e-5
        let start: Int64 = 1_735_689_600  // 2025-01-01T00:00:00Z, seconds
        for h in 0..<hours {
            for s in 0..<series {
                var entries: [String] = []
                entries.reserveCapacity(360)
                for k in 0..<360 {
                    value[s] += Int64(rng.next() % 2_001) - 1_000
                    let t = start + Int64(h * 3600 + k * 10)
                    entries.append(#"{"series":"dense.s\#(pad(s))","period":"\#(timestamp(t))","value":\#(decimal5(value[s]))}"#)
                }
                observations += entries.count
                text +=
                    #"{"type":"release","id":"dense-\#(s)-\#(h)","source":"sensors","released_at":"\#(timestamp(start + Int64((h + 1) * 3600)))","observations":["#
                    + entries.joined(separator: ",") + "]}\n"
                events += 1
            }
        }
        return (Array(text.utf8), events, observations)
    }

    /// Two digits at least.
    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// `units` × 1e-5 as a decimal with 5 places.
    static func decimal5(_ units: Int64) -> String {
        let whole = units / 100_000, fraction = String(abs(units % 100_000))
        return "\(whole).\(String(repeating: "0", count: 5 - fraction.count))\(fraction)"
    }

    /// Seconds since the epoch as `YYYY-MM-DDTHH:MM:SSZ`.
    static func timestamp(_ seconds: Int64) -> String {
        let days = Int(seconds / 86_400), rest = Int(seconds % 86_400)
        let (y, m, d) = civil(fromDays: days)
        return "\(y)-\(pad(m))-\(pad(d))T\(pad(rest / 3600)):\(pad(rest / 60 % 60)):\(pad(rest % 60))Z"
    }

    /// The proleptic Gregorian date `days` days after 1970-01-01.
    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
