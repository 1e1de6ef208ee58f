import VintageCore

extension ColumnarRecords {
    /// Calls `body` with each event as a value: column-held events built from the columns.
    func forEachEvent(_ body: (_ index: Int, _ event: Event, _ explicitID: EventID?) throws -> Void) throws {
        var periods = PeriodCache()
        var record = 0, figure = 0, nextJSON = 0, correction = 0, announcement = 0
        for i in 0..<shapes.count {
            let shape = shapes[i]
            if shape == 0 {
                try body(i, try json.event(nextJSON), ids[i])
                nextJSON += 1
                continue
            }
            let kind = shape & 7
            var event: Event
            if kind == ColumnarShape.announcementStep.rawValue {
                event = .announcement(try self.announcement(announcement, record, figure, &periods))
                announcement += 1
                figure += 1
            } else if kind == ColumnarShape.observation.rawValue || kind == ColumnarShape.correctedObservation.rawValue {
                event = .observation(observation(record, figure, &periods))
                figure += 1
            } else {
                event = .release(release(record, figure, &periods))
                figure += Int(figureCount[record])
            }
            record += 1
            if ColumnarShape(rawValue: kind)!.isCorrection {
                event = .correction(Correction(target: targets[correction], reason: reasons[correction], replacement: event))
                correction += 1
            }
            try body(i, event, ids[i])
        }
    }

    /// Column-held announcement `a` (record `r`, figure `f`): its stored JSON with the step added.
    func announcement(_ a: Int, _ r: Int, _ f: Int, _ periods: inout PeriodCache) throws(RecordBatchError) -> Announcement {
        let decoded: Event
        do { decoded = try Event(canonicalJSON: Array(json.text[announcementJSON[a]])) } catch {
            throw RecordBatchError("record batch announcement \(a) is not a valid event: \(error)")
        }
        guard case .announcement(let rest) = decoded, rest.step == nil, rest.effective == nil,
            rest.releasedAt.microseconds == releasedAt[r]
        else {
            throw RecordBatchError("record batch announcement \(a) does not match its step")
        }
        let step = Announcement.Step(series: seriesIDs[Int(series[f] - 1)]!, effective: period(f, &periods), value: value[f])
        return Self.announcement(rest, step: step)
    }

    /// `rest` (an announcement without a step) with `step`.
    static func announcement(_ rest: Announcement, step: Announcement.Step) -> Announcement {
        Announcement(
            releasedAt: rest.releasedAt, source: rest.source, kind: rest.kind, title: rest.title,
            parties: rest.parties, text: rest.text, tags: rest.tags, step: step)
    }

    private func string(_ index: Int64) -> String? { index == 0 ? nil : strings[Int(index - 1)] }

    private func period(_ f: Int, _ periods: inout PeriodCache) -> Period {
        periods.period(start: periodStart[f], code: periodKind[f])
    }

    private func observation(_ r: Int, _ f: Int, _ periods: inout PeriodCache) -> Observation {
        Observation(
            series: seriesIDs[Int(series[f] - 1)]!, period: period(f, &periods), value: value[f],
            releasedAt: Timestamp(microseconds: releasedAt[r]), source: string(source[r]), status: string(figureStatus[f]))
    }

    private func release(_ r: Int, _ first: Int, _ periods: inout PeriodCache) -> Release {
        let n = Int(figureCount[r])
        var entries: [Release.Entry] = []
        entries.reserveCapacity(n)
        for f in first..<(first + n) {
            entries.append(
                Release.Entry(
                    series: seriesIDs[Int(series[f] - 1)]!, period: period(f, &periods), value: value[f],
                    status: string(figureStatus[f])))
        }
        return Release(
            releasedAt: Timestamp(microseconds: releasedAt[r]), source: string(source[r]), title: string(title[r]),
            status: string(status[r]), entries: entries)
    }
}

/// The periods a batch decodes most recently, so that a period repeated across figures
/// (a month in every series of a release) is spelled once. Direct-mapped, 512 slots.
struct PeriodCache {
    private var keys = [Int64](repeating: .min, count: 512)
    private var periods = [Period](repeating: PeriodCache.template, count: 512)
    private var text: [UInt8] = []

    private static let template = try! Period("1970")

    /// The period of kind `code` starting at `start` microseconds (both checked by the decoder).
    mutating func period(start: Int64, code: UInt8) -> Period {
        let key = start &* 8 &+ Int64(code)
        let slot = Int(truncatingIfNeeded: UInt64(bitPattern: key &* -7_046_029_254_386_353_131) >> 55)
        if keys[slot] == key { return periods[slot] }
        text.removeAll(keepingCapacity: true)
        let t = Timestamp(microseconds: start)
        PeriodCode.appendText(t, code: code, to: &text)
        var p = PeriodCache.template
        p.text = String(decoding: text, as: UTF8.self)
        p.start = t
        p.kind = PeriodCode.kinds[Int(code)]
        keys[slot] = key
        periods[slot] = p
        return p
    }
}
