/// The formats `vintage import` reads.
public enum ImportFormat: String, Hashable, Sendable, CaseIterable {
    /// ALFRED/FRED: the all-vintages wide CSV, the API's long CSV, or a plain FRED download.
    case alfred
    /// SDMX-CSV 1.0 or 2.0.
    case sdmxCSV = "sdmx-csv"
    /// Plain CSV, long (one figure per row) or wide (`--wide`, one column per series).
    case csv
    /// Vintage's own NDJSON events (what `export ndjson` writes), appended as they are.
    case ndjson
}
