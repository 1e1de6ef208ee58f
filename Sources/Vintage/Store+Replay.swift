import VintageCore
import VintageFolds
import VintageLog
import VintageProjection

/// What a replay did.
public struct ReplayOutcome: Hashable, Sendable {
    /// The events folded (the whole log).
    public var events: Int64
    /// The figures folded: observations, release entries and announcement values.
    public var observations: Int
    /// The series holding rows afterwards.
    public var series: Int
    /// How long the rebuild took, wall clock.
    public var duration: Duration
    /// The events the replaced projection reflected beyond the log's end, dropped by a
    /// replay told to (`force`); 0 normally.
    public var droppedEvents: Int64 = 0

    /// Events per second.
    public var eventsPerSecond: Double { perSecond(Double(events)) }
    /// Observations (figures) per second.
    public var observationsPerSecond: Double { perSecond(Double(observations)) }

    private func perSecond(_ count: Double) -> Double {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return seconds > 0 ? count / seconds : 0
    }
}

extension Store {
    /// Rebuilds the projection from the whole log — after a correction of the rules, a
    /// format change or damage — and commits it; the previous chunks become garbage (a
    /// snapshot keeps its own). `progress` receives events folded so far and the total;
    /// `phases` how long each phase took.
    ///
    /// Every event's checksum and chain link is checked as it is read; on a mismatch nothing
    /// is installed. A projection reflecting more events than the log holds (a lost or
    /// replaced log) is not replaced unless `force` is set: the replay would drop them.
    public func replay(
        force: Bool = false, phases: ((ReplayPhase, Duration) -> Void)? = nil,
        progress: ((_ done: Int64, _ total: Int64) -> Void)? = nil
    ) throws(StoreError) -> ReplayOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            return try projection.withLock { holder in
                try log.withLock { log in
                    let reader = LogProjectionReader(log: log)
                    return try locks.withProjectionWriteLock(holder.value.directory) {
                        let last = try log.lastSeq()
                        var reflected: Int64 = 0
                        if holder.openFailure == nil, (try? holder.value.reload()) != nil { reflected = holder.value.logSeq }
                        if reflected > last && !force {
                            throw StoreError.log(
                                .damaged(
                                    path: Self.logPath(in: directory),
                                    reason:
                                        "the projection reflects \(reflected) events but the log holds only \(last): a replay would drop events \(last + 1)–\(reflected) from every answer. Restore log.sqlite from a backup, or run `vintage replay --force` to rebuild from the log as it is"
                                ))
                        }
                        try holder.value.rebuild(log: reader, progress: { done, _ in progress?(done, last) }, phases: phases)
                        holder.openFailure = nil
                        let collecting = clock.now
                        try Self.collectGarbage(&holder.value)
                        phases?(.collectGarbage, clock.now - collecting)
                        return ReplayOutcome(
                            events: last, observations: holder.value.figuresFolded,
                            series: holder.value.manifest.series.count, duration: clock.now - start,
                            droppedEvents: max(0, reflected - last))
                    }
                }
            }
        } catch {
            throw Self.storeError(error)
        }
    }
}
