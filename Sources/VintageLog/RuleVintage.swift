/// A vintage as the append rules look it up: the series as its index among the rules' series
/// states, the period start and the release time. The rules fill maps of every figure of a
/// batch; an integer series keeps those keys free of reference counting and their hashing
/// to three words.
struct RuleVintage: Hashable {
    var series: Int
    var period: Int64
    var releasedAt: Int64
}
