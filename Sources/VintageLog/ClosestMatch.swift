/// Finds the candidate closest to a misspelt name, by edit distance.
public enum ClosestMatch {
    /// The candidate with the smallest Levenshtein distance to `name` (ties: the smaller
    /// candidate), or nil when there are none.
    public static func closest(to name: String, among candidates: [String]) -> String? {
        let target = Array(name.utf8)
        var best: (distance: Int, candidate: String)?
        for candidate in candidates {
            let d = distance(target, Array(candidate.utf8))
            if best == nil || d < best!.distance || (d == best!.distance && candidate < best!.candidate) {
                best = (d, candidate)
            }
        }
        return best?.candidate
    }

    /// The Levenshtein distance between two byte strings.
    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
