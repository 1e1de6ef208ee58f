import Vintage
import VintageSystem

/// Imports files in the formats official statistics come in through the store's normal
/// append path: each file is one atomic append (every figure stored, or none), with all of
/// the store's validation, and figures the store already holds skipped as duplicates.
public struct Importer {
    /// The store appended to.
    public let store: Store
    /// The format of the files.
    public let format: ImportFormat
    /// How to read them.
    public let options: ImportOptions
    /// Hears, now and then, the bytes read of the file being imported and its size.
    public var progress: ((_ file: String, _ bytesRead: Int64, _ fileSize: Int64) -> Void)?
    /// Hears the time of each append phase.
    public var phases: ((AppendPhase, Duration) -> Void)?
    /// Whether to read and check the files only, appending nothing (`--check`): every cell
    /// is parsed and every figure assembled, but the store's own rules are not applied.
    public var checkOnly = false

    /// Rows read between hand-offs to the store.
    static let rowsPerBatch = 50_000

    /// Creates an importer.
    public init(store: Store, format: ImportFormat, options: ImportOptions) {
        self.store = store
        self.format = format
        self.options = options
    }

    /// Imports a file, standard input (`-`), or every file of a directory — one file per
    /// vintage, applied in the order of their release dates (from the file names), each its
    /// own atomic append.
    public func run(_ path: String) throws -> [ImportedFile] {
        guard path != "-" else { return [try importFile(path, releasedAt: options.releasedAt)] }
        let status: FileStatus
        do { status = try FileDescriptor.status(ofPath: path) } catch {
            throw InterchangeError(file: path, reason: "cannot read it: \(error.description)")
        }
        guard status.kind == .directory else {
            return [try importFile(path, releasedAt: try releaseTime(of: path, required: false))]
        }
        var files: [(path: String, date: Timestamp?)] = []
        for name in try Self.entries(of: path) {
            let file = path.hasSuffix("/") ? path + name : path + "/" + name
            files.append((file, try releaseTime(of: file, required: options.releasedAtFromFilename != nil)))
        }
        guard !files.isEmpty else { throw InterchangeError(file: path, reason: "the directory holds no files") }
        files.sort { a, b in
            switch (a.date, b.date) {
            case let (x?, y?) where x != y: return x < y
            default: return a.path < b.path
            }
        }
        return try files.map { try importFile($0.path, releasedAt: $0.date) }
    }

    /// The release time of a file's figures: `--released-at`, else the file-name pattern,
    /// else (for a plain FRED download) a date in the name.
    private func releaseTime(of file: String, required: Bool) throws(InterchangeError) -> Timestamp? {
        if let t = options.releasedAt { return t }
        if let pattern = options.releasedAtFromFilename {
            guard let t = FileNameDate.date(in: file, pattern: pattern) else {
                throw InterchangeError(
                    file: file,
                    reason: "the file name does not match --released-at-from-filename '\(pattern)' (YYYY, MM, DD stand for digits, * for any text)")
            }
            return t
        }
        return nil
    }

    /// Regular, visible files of a directory, by name.
    private static func entries(of directory: String) throws(InterchangeError) -> [String] {
        let all: [String]
        do { all = try FileDescriptor.entries(ofDirectory: directory) } catch {
            throw InterchangeError(file: directory, reason: "cannot list it: \(error.description)")
        }
        var names: [String] = []
        for name in all {
            guard !name.hasPrefix(".") else { continue }
            let full = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            if (try? FileDescriptor.status(ofPath: full))?.kind == .regular { names.append(name) }
        }
        return names.sorted()
    }

    /// Imports one file in one atomic append.
    func importFile(_ path: String, releasedAt: Timestamp?) throws -> ImportedFile {
        if format == .ndjson {
            let outcome = try store.append(contentsOf: path, phases: phases) { done, total in progress?(path, Int64(done), Int64(total)) }
            return ImportedFile(file: path, rows: 0, figures: 0, unchanged: 0, outcome: outcome)
        }
        let csv = try CSVReader(path: path, delimiter: options.dialect.delimiter)
        let source = try makeSource(csv, releasedAt: releasedAt)
        let catalog = try store.series()
        var known: [SeriesID: SeriesMetadata] = [:]
        for s in catalog { known[s.series] = s.metadata }
        let needed = source.seriesNeedingBaseline.filter { known[$0] != nil }
        if !needed.isEmpty { source.use(try baseline(of: needed)) }
        if format == .sdmxCSV && options.allowDelete, let sdmx = source as? SDMXCSVSource {
            guard path != "-" else {
                throw InterchangeError(file: path, reason: "--allow-delete reads the file twice: give a file, not standard input")
            }
            let scan = try CSVReader(path: path, delimiter: options.dialect.delimiter)
            let scanned = try SDMXCSVSource(scan, header: try CSVHeader.read(scan), options: options, releasedAt: releasedAt)
            let deleted = try scanned.deletedPoints(EventAssembler(known: known, source: nil))
            sdmx.deletions = try DeletionPlan.events(for: deleted, in: store, file: path).byLine
        }
        let assembler = EventAssembler(known: known, source: options.source)
        var more = true
        var lastReport = Int64(-1)
        if checkOnly {
            while more {
                more = try source.read(into: assembler, rows: Self.rowsPerBatch)
                _ = assembler.take(all: !more)
                progress?(path, csv.bytesRead, csv.fileSize)
            }
            return ImportedFile(
                file: path, rows: source.rowsRead, figures: assembler.figures, unchanged: source.unchanged,
                outcome: AppendOutcome(stored: 0, duplicates: 0, seqRange: nil))
        }
        let outcome: AppendOutcome
        do {
            outcome = try store.append(
                batches: {
                    while more {
                        more = try source.read(into: assembler, rows: Self.rowsPerBatch)
                        if let progress, csv.bytesRead != lastReport {
                            lastReport = csv.bytesRead
                            progress(path, csv.bytesRead, csv.fileSize)
                        }
                        let events = assembler.take(all: !more)
                        if !events.isEmpty { return events }
                    }
                    let rest = assembler.take(all: true)
                    return rest.isEmpty ? nil : rest
                }, phases: phases)
        } catch let error as StoreError where !error.isDamageOrLock {
            throw InterchangeError(file: path, reason: "\(error)")
        }
        return ImportedFile(file: path, rows: source.rowsRead, figures: assembler.figures, unchanged: source.unchanged, outcome: outcome)
    }

    /// The reader for a file in this importer's format.
    private func makeSource(_ csv: CSVReader, releasedAt: Timestamp?) throws -> FigureSource {
        let header = try CSVHeader.read(csv)
        let stem = Self.stem(of: csv.file)
        switch format {
        case .csv:
            if options.wide {
                guard let releasedAt = releasedAt ?? FileNameDate.date(in: csv.file, pattern: nil) else {
                    throw InterchangeError(
                        file: csv.file, reason: "a wide file needs its release time: --released-at T or --released-at-from-filename PATTERN")
                }
                return try WideCSVSource(csv, header: header, options: options, releasedAt: releasedAt, fredRules: false)
            }
            return try LongCSVSource(csv, header: header, options: options, releasedAt: releasedAt)
        case .alfred:
            if ALFREDLongSource.matches(header) {
                return try ALFREDLongSource(csv, header: header, options: options, fileSeries: stem)
            }
            if ALFREDWideSource.matches(header) {
                return try ALFREDWideSource(csv, header: header, options: options, fileSeries: stem)
            }
            guard let releasedAt = releasedAt ?? FileNameDate.date(in: csv.file, pattern: nil) else {
                throw InterchangeError(
                    file: csv.file,
                    reason:
                        "a plain FRED download (no vintage columns) needs its vintage date: --released-at DATE, or a date in the file name such as GDPC1_20240125.csv"
                )
            }
            return try WideCSVSource(csv, header: header, options: options, releasedAt: releasedAt, fredRules: true)
        case .sdmxCSV:
            guard SDMXCSVSource.matches(header) else {
                throw InterchangeError(
                    file: csv.file, line: 1,
                    reason: "not SDMX-CSV: the first column is DATAFLOW (1.0) or STRUCTURE (2.0), and a TIME_PERIOD column is needed")
            }
            return try SDMXCSVSource(csv, header: header, options: options, releasedAt: releasedAt)
        case .ndjson:
            fatalError("NDJSON is appended directly")
        }
    }

    /// `data/GDPC1.csv` → `GDPC1`.
    static func stem(of path: String) -> String? {
        guard path != "-" else { return nil }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let stem = name.split(separator: ".", maxSplits: 1).first.map(String.init) ?? name
        return stem.isEmpty ? nil : stem
    }

    /// Every stored vintage of the named series' points.
    private func baseline(of series: [SeriesID]) throws -> VintageBaseline {
        var baseline = VintageBaseline()
        for id in series {
            for set in try store.points(of: [id]) {
                for point in set.points {
                    for entry in try store.history(of: id, validTime: point.validTime) {
                        baseline.add(series: id, validTime: point.validTime, releasedAt: entry.releasedAt, value: entry.value)
                    }
                }
            }
        }
        return baseline
    }
}
