import VintageCore

/// Something an append stored that was likely not meant. The append succeeded; the
/// warning says what it did, in one line naming the input line.
public enum AppendWarning: Hashable, Sendable, CustomStringConvertible {
    /// The correction on input `line` restates release `target` without `figures` of its
    /// figures (of `series`, in id order), which it therefore retracts: a correction
    /// restates the whole release, so fixing one figure means giving all of them again.
    case correctionDropsFigures(line: Int, target: EventID, figures: Int, series: [SeriesID])

    /// The input line the warning is about.
    public var line: Int {
        switch self {
        case .correctionDropsFigures(let line, _, _, _): line
        }
    }

    /// One line, e.g. `line 4: the correction of 'rel-1' drops 2 figures of the release
    /// (series kr.exports.autos): …`.
    public var description: String {
        switch self {
        case .correctionDropsFigures(let line, let target, let figures, let series):
            let shown = series.prefix(5).map(\.rawValue).joined(separator: ", ") + (series.count > 5 ? " and \(series.count - 5) more" : "")
            return "line \(line): the correction of '\(target)' drops \(figures) figure\(figures == 1 ? "" : "s") of the release it restates "
                + "(series \(shown)); \(figures == 1 ? "it is" : "they are") retracted, since a replacement release takes the whole release's place"
        }
    }
}
