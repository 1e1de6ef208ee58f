import VintageLog

/// What importing one file did.
public struct ImportedFile: Hashable, Sendable {
    /// The file.
    public var file: String
    /// Data rows read.
    public var rows: Int
    /// Figures handed to the store (new vintages, or restatements it skips).
    public var figures: Int
    /// ALFRED cells not stored because they repeat the point's previous vintage.
    public var unchanged: Int
    /// The store's account of the append: events stored, duplicates, seq range.
    public var outcome: AppendOutcome
}
