import Vintage

/// A file format's reader: reads a file's rows and hands the figures (and series
/// definitions) they state to an ``EventAssembler``.
protocol FigureSource: AnyObject {
    /// Series whose stored vintages must be known before reading (for ALFRED's rule that
    /// only a changed value is a new vintage); empty for most formats.
    var seriesNeedingBaseline: [SeriesID] { get }
    /// Hands over the stored vintages of ``seriesNeedingBaseline``.
    func use(_ baseline: VintageBaseline)
    /// Reads about `rows` more rows into `assembler`; false once the file is done (and
    /// everything it holds is in the assembler).
    func read(into assembler: EventAssembler, rows: Int) throws(InterchangeError) -> Bool
    /// Data rows read so far.
    var rowsRead: Int { get }
    /// Cells not stored because they repeat the point's previous vintage (ALFRED).
    var unchanged: Int { get }
    /// The reader underneath, for progress.
    var csv: CSVReader { get }
}

extension FigureSource {
    var seriesNeedingBaseline: [SeriesID] { [] }
    func use(_ baseline: VintageBaseline) {}
    var unchanged: Int { 0 }
}
