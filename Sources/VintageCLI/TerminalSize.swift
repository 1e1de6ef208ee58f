#if canImport(Glibc)
    import Glibc
#endif

/// The size and colour support of the terminal a chart is drawn for.
enum TerminalSize {
    /// The columns and lines to draw in: those given, else `$COLUMNS` and `$LINES`, else
    /// the window size of standard output when it is a terminal, else 80 × 24.
    static func resolve(width: Int?, height: Int?) -> (columns: Int, lines: Int) {
        var columns = width ?? environment("COLUMNS")
        var lines = height ?? environment("LINES")
        if columns == nil || lines == nil, let window = windowSize() {
            columns = columns ?? window.columns
            lines = lines ?? window.lines
        }
        return (columns ?? 80, lines ?? 24)
    }

    /// Whether to draw in colour: on a terminal, unless `$NO_COLOR` is set (no-color.org)
    /// or `$TERM` is `dumb`.
    static var usesColor: Bool {
        guard Terminal.stdoutIsTerminal else { return false }
        if let value = getenv("NO_COLOR"), value.pointee != 0 { return false }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
        return true
    }

    /// A positive whole number from the environment.
    private static func environment(_ name: String) -> Int? {
        guard let value = getenv(name), let number = Int(String(cString: value)), number > 0 else { return nil }
        return number
    }

    /// The window size of standard output, when it is a terminal that knows it.
    private static func windowSize() -> (columns: Int, lines: Int)? {
        guard Terminal.stdoutIsTerminal else { return nil }
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }
}
