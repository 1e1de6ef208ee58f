import ArgumentParser

/// `--timing`, one option for every command that measures itself: after its work, the
/// command prints its in-process times to standard error — `Run Time: …` for the reading
/// commands (in the shape of `.timer on` in the sqlite3 and DuckDB shells), `Time: …` with
/// each phase for those that write or check.
struct TimingOptions: ParsableArguments {
    @Flag(
        name: .customLong("timing"),
        help: "Print the in-process time of the command's work (and of its phases, where it has them) to standard error.")
    var isOn = false

    /// Phases and their times, as `name 1.2 ms, name 3.4 ms`.
    static func text<Phase: RawRepresentable>(of phases: [(Phase, Duration)]) -> String where Phase.RawValue == String {
        phases.map { "\($0.0.rawValue) \(Seconds.text($0.1))" }.joined(separator: ", ")
    }
}
