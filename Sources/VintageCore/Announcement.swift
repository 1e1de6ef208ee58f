/// An `announcement` event: a trade announcement such as a tariff decision.
public struct Announcement: Hashable, Sendable {
    /// The rate an announcement sets from a date: an observation of `series` at period
    /// `effective`, released when the announcement was made.
    public struct Step: Hashable, Sendable {
        /// The rate series, e.g. `us.tariff.kr`.
        public var series: SeriesID
        /// The day the rate takes effect.
        public var effective: Period
        /// The rate from that day.
        public var value: Double

        /// Creates a step.
        public init(series: SeriesID, effective: Period, value: Double) {
            self.series = series
            self.effective = effective
            self.value = value
        }
    }

    /// When the announcement was made.
    public var releasedAt: Timestamp
    /// Who made it.
    public var source: String?
    /// What kind of announcement, e.g. `tariff`.
    public var kind: String
    /// A one-line title.
    public var title: String
    /// The parties concerned, e.g. `["US", "KR"]`.
    public var parties: [String]?
    /// The full text.
    public var text: String?
    /// Tags for selection with `--where`.
    public var tags: [String: String]?
    /// The rate it sets, when it names `series`, `effective` and `value`.
    public var step: Step?
    /// The day it takes effect when it sets no rate (`effective` alone); nil with a ``step``,
    /// which holds the day itself.
    private var effectiveWithoutStep: Period?

    /// The day the announcement takes effect, if it names one: its step's `effective`, or
    /// the day given alone (a deal that takes effect on a date, with no rate series).
    public var effective: Period? { step?.effective ?? effectiveWithoutStep }

    /// Creates an announcement. `effective` is the day it takes effect when it sets no rate;
    /// with a `step`, the step's `effective` is the day and `effective` is ignored.
    public init(
        releasedAt: Timestamp, source: String? = nil, kind: String, title: String, parties: [String]? = nil,
        text: String? = nil, tags: [String: String]? = nil, effective: Period? = nil, step: Step? = nil
    ) {
        self.releasedAt = releasedAt
        self.source = source
        self.kind = kind
        self.title = title
        self.parties = parties
        self.text = text
        self.tags = tags
        self.effectiveWithoutStep = step == nil ? effective : nil
        self.step = step
    }
}
