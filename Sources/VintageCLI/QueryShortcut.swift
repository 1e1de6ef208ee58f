import Vintage

/// The most common command line, `vintage query [SERIES…] [--format table|csv|json]`,
/// recognised without swift-argument-parser, for start-up.
///
/// Measured (callgrind, a cold `vintage query SERIES` of a 1,026-series store, static
/// stripped release build): argument-parser's `parseAsRoot` costs 15.4 M of the process's
/// 35.3 M instructions — almost all of it first-time Swift runtime work (protocol-conformance
/// lookups over the whole binary, generic metadata by mangled name, `Mirror`), of which
/// 5.4 M is its check for `--generate-completion-script` and 4.6 M reflecting
/// ``QueryCommand`` for passthrough arguments. None of it depends on our options.
///
/// Only an argument vector whose meaning is certain is taken: `query` (after at most one
/// `--store DIR`), then valid series ids (not starting with `-`, not `help`), at most one
/// `--format` with a valid value and at most one `--store DIR` (a directory not starting with
/// `-`), each option's value as a separate argument. Everything else — other options,
/// `--format=csv`, `--help`, an invalid id or format, a repeated option — returns `nil` and
/// goes through argument-parser, which therefore still gives every usage error and help text.
/// What is taken runs exactly what ``QueryCommand/run()`` runs for the same arguments
/// (no `--wait`, `--where`, view, aggregate or timing option: their defaults).
struct QueryShortcut: Equatable {
    /// The series ids, in order (empty: every series).
    var series: [SeriesID]
    /// `--format`'s value, if given.
    var format: OutputFormat?
    /// `--store`'s value, if given.
    var store: String?

    /// The shortcut for `arguments` (the command line without the program name), or `nil`
    /// when argument-parser must parse them.
    init?(arguments: [String]) {
        var store: String?
        var index = 0
        func storeValue(at index: Int) -> String? {
            guard store == nil, index < arguments.count, let first = arguments[index].utf8.first,
                first != UInt8(ascii: "-")
            else { return nil }
            return arguments[index]
        }
        if arguments.first == "--store" {
            guard let value = storeValue(at: 1) else { return nil }
            store = value
            index = 2
        }
        guard index < arguments.count, arguments[index] == "query" else { return nil }
        var series: [SeriesID] = []
        var format: OutputFormat?
        index += 1
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--store" {
                guard let value = storeValue(at: index + 1) else { return nil }
                store = value
                index += 2
                continue
            }
            if argument == "--format" {
                guard format == nil, index + 1 < arguments.count,
                    let value = OutputFormat(rawValue: arguments[index + 1])
                else { return nil }
                format = value
                index += 2
                continue
            }
            guard let first = argument.utf8.first, first != UInt8(ascii: "-"), argument != "help",
                let id = try? SeriesID(argument)
            else { return nil }
            series.append(id)
            index += 1
        }
        self.series = series
        self.format = format
        self.store = store
    }

    /// Runs the query as ``QueryCommand/run()`` does with these arguments.
    func run() throws {
        let store = try VintageCommand.openStore(directory: VintageCommand.storeDirectory(store), wait: nil)
        try QueryCommand.run(
            in: store, series: series, where: TagFilter(), try AnalyticQuery(),
            format: format ?? .automatic, timing: false, repetitions: 1)
    }
}
