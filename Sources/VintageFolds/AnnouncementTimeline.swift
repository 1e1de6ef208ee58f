import VintageCore

/// The announcements as the projection keeps them: every announcement's content with the
/// log positions between which it is part of the store (``VintageFold`` keeps one too) — a
/// correction logged at seq `c` ends the announcement's row at `c` and starts its
/// replacement's row there (shown with seq `c`); a retraction only ends it. Small
/// (announcements are few), kept in the manifest beside the series catalog.
package struct AnnouncementTimeline: Hashable, Sendable {
    /// The rows, in the order they started.
    package var rows: [AnnouncementRow] = []

    package init(rows: [AnnouncementRow] = []) {
        self.rows = rows
    }

    /// Starts the row of `announcement`, the content of the original event `id`, stated at
    /// log position `position` — by that event itself, or by the correction `correction`.
    mutating func start(_ announcement: Announcement, id: EventID, correction: EventID? = nil, at position: Int64) {
        rows.append(AnnouncementRow(announcement, id: id, seq: position, correction: correction, visibleFrom: position))
    }

    /// Ends the current row of the original event `id`, if any, at log position `position`;
    /// returns whether there was one.
    @discardableResult
    mutating func withdraw(_ id: EventID, at position: Int64) -> Bool {
        guard let i = rows.lastIndex(where: { $0.id == id && $0.isCurrent }) else { return false }
        rows[i].visibleUntil = position
        return true
    }

    /// Records what the logged event `e` changes in the timeline: an announcement starts a
    /// row; a correction or retraction ends its target's row, and a correction whose
    /// replacement is an announcement starts the replacement's. Returns whether anything changed.
    @discardableResult
    package mutating func record(_ e: SequencedEvent) -> Bool {
        switch e.event {
        case .announcement(let announcement):
            start(announcement, id: e.id, at: e.seq)
            return true
        case .correction(let c):
            var changed = withdraw(c.target, at: e.seq)
            if case .announcement(let announcement) = c.replacement {
                start(announcement, id: c.target, correction: e.id, at: e.seq)
                changed = true
            }
            return changed
        case .retraction(let r):
            return withdraw(r.target, at: e.seq)
        default:
            return false
        }
    }
}
