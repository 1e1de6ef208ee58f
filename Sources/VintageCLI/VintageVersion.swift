import Vintage

/// The program's version, for `vintage --version`.
enum VintageVersion {
    /// The release number (raised with each release).
    static let number = "0.15.1"

    /// One line: the version and the format versions of the store it writes, e.g.
    /// `vintage 0.15.1 (store format 4, projection format 3)`.
    static var line: String {
        "vintage \(number) (store format \(Store.formatVersion), projection format \(Store.projectionFormatVersion))"
    }
}
