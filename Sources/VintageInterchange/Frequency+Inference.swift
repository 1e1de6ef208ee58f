import Vintage

extension Frequency {
    /// A small number per frequency, for cache keys.
    var cacheSlot: Int {
        switch self {
        case .daily: 0
        case .weekly: 1
        case .monthly: 2
        case .quarterly: 3
        case .annual: 4
        case .irregular: 5
        }
    }

    /// The frequency a period spelling suggests for a new series: quarters are quarterly,
    /// months monthly, years annual, weeks weekly; days and instants say nothing (monthly
    /// figures are often dated by their first day).
    static func suggested(by kind: Period.Kind) -> Frequency? {
        switch kind {
        case .year: .annual
        case .quarter: .quarterly
        case .month: .monthly
        case .week: .weekly
        case .half, .day, .instant: nil
        }
    }

    /// The frequency the gap in days between two consecutive dates suggests.
    static func suggested(byGapInDays gap: Int64) -> Frequency? {
        switch gap {
        case 1...3: .daily
        case 7: .weekly
        case 28...31: .monthly
        case 89...92: .quarterly
        case 365...366: .annual
        default: nil
        }
    }
}
