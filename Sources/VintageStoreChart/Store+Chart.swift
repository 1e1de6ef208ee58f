import Vintage

extension Store {
    /// The chart `request` describes, read from this store: per series its latest vintages
    /// (or first releases, aggregates or transforms), optionally with the first releases or
    /// the whole revision fan, and the announcements in the chart's time range as markers.
    /// A series with many more points than the chart has columns is read as the least and
    /// greatest value per column (aggregate queries over fixed buckets), so that a chart of
    /// ten million points reads a few thousand values.
    ///
    /// - Throws: ``StoreError/invalidRequest(_:)`` for an unknown series, a seq outside the
    ///   log, a range holding no point of any series, or a revision fan of more than
    ///   ``ChartRequest/fanPointLimit`` points; ``StoreError/projection(_:)`` when a file it
    ///   reads is damaged.
    public func chart(_ request: ChartRequest) throws(StoreError) -> Chart {
        var reading = ChartReading(store: self, request: request)
        return try reading.chart()
    }
}
