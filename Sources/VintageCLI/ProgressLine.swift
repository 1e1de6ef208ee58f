/// A one-line progress display on standard error, shown only when it is a terminal.
struct ProgressLine {
    let label: String
    let enabled = Terminal.stderrIsTerminal

    /// Redraws the line: `label: done / total unit (percent)`.
    func update(_ done: Int64, of total: Int64, unit: String = "events") {
        guard enabled, total > 0 else { return }
        Terminal.writeRaw("\r\(label): \(done) / \(total) \(unit) (\(done * 100 / total)%)")
    }

    /// Clears the line before the final output.
    func finish() {
        guard enabled else { return }
        Terminal.writeRaw("\r\u{1B}[K")
    }
}
