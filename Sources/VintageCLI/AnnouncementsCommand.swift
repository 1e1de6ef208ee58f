import ArgumentParser
import Vintage

/// `vintage announcements`: the timeline of trade announcements.
struct AnnouncementsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "announcements",
        abstract: "Print the timeline of announcements (tariff decisions and the like), with when each was made and takes effect.",
        discussion: """
            Announcements are ordered by their valid time: the day they take effect (or, without \
            one, the time they were made), then by when they were made. --from/--to select on \
            that valid time, --as-of on when they were made; --kind keeps one kind (matched \
            exactly), --party the announcements naming a party (in any case: kr matches KR). \
            Columns: released_at (when made), effective, source, kind, title, parties (separated \
            by ';', a list in json), series and value (the rate it sets, if any), seq, id, and \
            correction (the correction whose restatement is shown, if any).
            A corrected announcement shows its correction everywhere, --as-of views included; \
            only --at-seq before the correction shows the original. Retracted ones are left out.
            Examples:
              vintage announcements --party KR
              vintage announcements --kind tariff --party us
              vintage announcements --from 2026-01 --as-of 2026-01-31
              vintage announcements --where topic=autos --format json
            """
    )

    @ParentCommand var root: VintageCommand
    @OptionGroup var output: FormatOptions

    @OptionGroup var view: ViewOptions

    @Option(name: .customLong("where"), help: ArgumentHelp("Only announcements with this tag value; repeat to intersect.", valueName: "key=value"))
    var conditions: [TagCondition] = []

    @Option(help: ArgumentHelp("Only announcements naming this party, in any case, e.g. KR.", valueName: "party"))
    var party: PartyArgument?

    @Option(help: ArgumentHelp("Only announcements of this kind, matched exactly, e.g. tariff.", valueName: "kind"))
    var kind: String?

    @OptionGroup var timing: TimingOptions

    func run() throws {
        let store = try root.openStore()
        let query = AnnouncementQuery(
            from: view.from?.microseconds, to: view.to?.microseconds, asOf: view.asOf?.microseconds, atSeq: view.atSeq,
            where: TagFilter(conditions.map(\.condition)), party: party?.name, kind: kind)
        let (rows, times) = try QueryTiming.measure { try store.announcements(query) }
        var table = RowTable(columns: ["released_at", "effective", "source", "kind", "title", "parties", "series", "value", "seq", "id", "correction"]
        )
        for a in rows {
            table.append([
                .time(Timestamp(microseconds: a.releasedAt)), a.effective.map { .time(Timestamp(microseconds: $0)) } ?? .empty,
                a.source.map(Cell.text) ?? .empty, .text(a.kind), .text(a.title), .list(a.parties),
                a.series.map { .text($0.rawValue) } ?? .empty, a.value.map(Cell.number) ?? .empty,
                .integer(a.seq), .text(a.id.rawValue), a.correction.map { .text($0.rawValue) } ?? .empty
            ])
        }
        table.print(output.resolved)
        if timing.isOn { QueryTiming.report(times) }
    }
}
