/// The bundled sample: South Korea's January 2026 trade release and the US tariff
/// announcements, as reported on 1 February 2026 (see shared/domain). January 2025 figures
/// are derived from the reported year-on-year rates; announcement dates other than the
/// 26 January 2026 one are illustrative.
enum SampleData {
    /// Series definitions, the year-earlier figures, the January 2026 release and the
    /// tariff announcements.
    static let trade2026 = """
        {"type":"series","series":"kr.exports.total","name":"South Korea exports, total","unit":"USD","frequency":"monthly","tags":{"country":"KR","flow":"export","product":"total"}}
        {"type":"series","series":"kr.exports.semiconductors","name":"South Korea exports, semiconductors","unit":"USD","frequency":"monthly","tags":{"country":"KR","flow":"export","product":"semiconductors"}}
        {"type":"series","series":"kr.exports.autos","name":"South Korea exports, automobiles","unit":"USD","frequency":"monthly","tags":{"country":"KR","flow":"export","product":"autos"}}
        {"type":"series","series":"us.tariff.kr","name":"US tariff rate on South Korean goods","unit":"percent","frequency":"irregular","tags":{"country":"US","partner":"KR","kind":"tariff"}}
        {"type":"release","source":"MOTIE","released_at":"2025-02-01T00:00:00Z","title":"Trade statistics, January 2025","observations":[{"series":"kr.exports.total","period":"2025-01","value":49.14e9},{"series":"kr.exports.semiconductors","period":"2025-01","value":10.11e9},{"series":"kr.exports.autos","period":"2025-01","value":4.93e9}]}
        {"type":"observation","series":"kr.exports.semiconductors","period":"2025-12","value":20.8e9,"released_at":"2026-01-01T00:00:00Z","source":"MOTIE"}
        {"type":"announcement","id":"us-kr-deal-2025-10","released_at":"2025-10-29T12:00:00Z","source":"US President","kind":"tariff","title":"US cuts tariffs on South Korean goods to 15% from 25% under the October trade deal","parties":["US","KR"],"series":"us.tariff.kr","effective":"2025-11-01","value":15}
        {"type":"announcement","id":"us-kr-hike-2026-01","released_at":"2026-01-26T22:00:00Z","source":"US President","kind":"tariff","title":"US raises tariffs on South Korean goods to 25% from 15%","parties":["US","KR"],"series":"us.tariff.kr","effective":"2026-02-01","value":25,"text":"Citing the National Assembly not having ratified the trade deal."}
        {"type":"release","id":"motie-2026-01","source":"MOTIE","released_at":"2026-02-01T00:00:00Z","title":"Trade statistics, January 2026","status":"preliminary","observations":[{"series":"kr.exports.total","period":"2026-01","value":65.8e9},{"series":"kr.exports.semiconductors","period":"2026-01","value":20.5e9},{"series":"kr.exports.autos","period":"2026-01","value":60e9}]}

        """

    /// A later revision by the publisher (illustrative): a second vintage of January 2026.
    static let revision = """
        {"type":"observation","series":"kr.exports.total","period":"2026-M01","value":65.9e9,"released_at":"2026-02-15T00:00:00Z","source":"MOTIE","status":"revised"}

        """

    /// A correction of our own typo in the January 2026 release (60e9 entered for 6.0e9).
    static let correction = """
        {"type":"correction","target":"motie-2026-01","reason":"typo: 60e9 entered for 6.0e9","replacement":{"type":"release","source":"MOTIE","released_at":"2026-02-01T00:00:00Z","title":"Trade statistics, January 2026","status":"preliminary","observations":[{"series":"kr.exports.total","period":"2026-01","value":65.8e9},{"series":"kr.exports.semiconductors","period":"2026-01","value":20.5e9},{"series":"kr.exports.autos","period":"2026-01","value":6.0e9}]}}

        """

    /// A restatement that conflicts with a stored vintage: rejected.
    static let conflicting = """
        {"type":"observation","series":"kr.exports.total","period":"2026-01","value":66.0e9,"released_at":"2026-02-01T00:00:00Z"}

        """
}
