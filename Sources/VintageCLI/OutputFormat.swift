import ArgumentParser

/// How commands print rows: aligned columns for people, CSV or JSON lines for programs.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json

    /// `table` when standard output is a terminal, else `csv`.
    static var automatic: OutputFormat { Terminal.stdoutIsTerminal ? .table : .csv }
}

/// The `--format` option shared by every command that prints rows.
struct FormatOptions: ParsableArguments {
    @Option(name: .long, help: "Output format (default: table on a terminal, csv otherwise).")
    var format: OutputFormat?

    /// The format asked for, or the automatic one.
    var resolved: OutputFormat { format ?? .automatic }
}
