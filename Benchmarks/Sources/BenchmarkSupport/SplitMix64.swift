import Foundation
// The seeded generator (and the in-memory log) are the tests' own: one definition for both.
@_exported import VintageTestSupport

extension SplitMix64 {
    /// A standard normal variate (Box-Muller).
    public mutating func gaussian() -> Double {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &self)
        let v = Double.random(in: 0..<1, using: &self)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}
