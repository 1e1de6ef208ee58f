import Dispatch
import Synchronization
import VintageCore

#if canImport(Glibc)
    import Glibc
#endif

/// Reads, parses and prepares (canonical bytes, checksum, id) an input in line-aligned blocks
/// on background threads, a few blocks ahead of the caller, so that reading and parsing
/// overlap with the log's commit work. Blocks come out in input order; the first bad line
/// (or unreadable block) wins.
final class EventBatchPreparer: @unchecked Sendable {
    /// Input bytes per block: 256 KiB growing by 1.4× up to 4 MiB. The first block is
    /// small so that the commit starts soon; each next one is only a little larger, so that
    /// parsing it takes less time than committing the one before; the last ones are large
    /// enough to amortise hand-offs. (16 MiB blocks, read on their own thread, held about
    /// 100 MB more at the peak of a 388 MB append, for no time saved.)
    static func blockBytes(_ index: Int) -> Int {
        var size = Double(256 << 10)
        for _ in 0..<min(index, 20) { size *= 1.4 }
        return min(4 << 20, Int(size))
    }
    /// Blocks parsed ahead of the consumer.
    static let lookahead = 2

    /// A block of input: a range of an input held in memory, or bytes read from a file.
    private enum Block {
        case range(Range<Int>)
        case owned([UInt8])
    }

    /// The whole input, when it is held in memory (else empty).
    private let text: UnsafeBufferPointer<UInt8>
    /// The `i`-th block of the input, nil after the last; called in order, on ``reading``.
    private let nextBlock: (Int) throws(StoreError) -> Block?
    /// Whether the caller has taken the end of the input (or an error).
    private var sourceDone = false
    /// Whether ``nextBlock`` returned nil or threw (touched on ``reading`` only).
    private var sourceEnded = false
    /// What became of a block.
    private enum Outcome {
        /// Parsed as if it began on line 1, with the number of line feeds and bytes in it.
        case parsed(Result<PreparedBatch, EventInputError>, lineFeeds: Int, bytes: Int)
        /// The input could not be read there.
        case unreadable(StoreError)
        /// The input ended before it.
        case end
    }
    private let results = Mutex<[Int: Outcome]>([:])
    /// Reads the blocks one after another, off the caller's thread (reading a file costs
    /// copies and system calls the commit would otherwise wait for).
    private let reading = DispatchQueue(label: "vintage.read")
    /// The input line the next block to be taken starts on.
    private var nextLine = 1
    private var ready: [DispatchSemaphore] = []
    private let group = DispatchGroup()
    /// The blocks ahead are parsed concurrently: parsing (decoding, canonical bytes, SHA-256)
    /// costs more than the caller's commit, so while the commit runs the next blocks take
    /// the other core, and while it waits for a block, both. Order is kept by ``ready``.
    private let queue = DispatchQueue(label: "vintage.parse", attributes: .concurrent)
    private var nextToTake = 0
    /// Input bytes of the batches handed over so far.
    private(set) var bytesTaken = 0

    /// Runs `body` with a block source over `bytes`; returns only when no background work
    /// is left running.
    /// `progress` hears the number of input bytes handed over so far, and the total.
    static func withBatches<T>(
        of bytes: [UInt8], progress: ((Int, Int) -> Void)? = nil,
        _ body: (_ nextBatch: () throws -> PreparedBatch?) throws -> T
    ) throws -> T {
        try bytes.withUnsafeBufferPointer { text in
            if NDJSONReader.isArray(text) {
                var pending: PreparedBatch? = try PreparedBatch(prepareAll(text))
                return try body {
                    defer { pending = nil }; return pending
                }
            }
            let pieces = NDJSONReader.lineAlignedRanges(of: text, size: EventBatchPreparer.blockBytes)
            let preparer = EventBatchPreparer(text) { i in i < pieces.count ? .range(pieces[i]) : nil }
            defer { preparer.group.wait() }
            return try body {
                let batch = try preparer.next()
                if batch != nil { progress?(preparer.bytesTaken, text.count) }
                return batch
            }
        }
    }

    /// Runs `body` with a block source reading `input` a few blocks at a time (a JSON array
    /// is read whole); returns only when no background work is left running.
    static func withBatches<T>(
        reading input: InputBlocks, progress: ((Int, Int) -> Void)? = nil,
        _ body: (_ nextBatch: () throws -> PreparedBatch?) throws -> T
    ) throws -> T {
        if try input.isArray() { return try withBatches(of: input.rest(), progress: progress, body) }
        let preparer = EventBatchPreparer(UnsafeBufferPointer(start: nil, count: 0)) { i throws(StoreError) in
            try input.next(size: EventBatchPreparer.blockBytes(i)).map { .owned($0) }
        }
        defer { preparer.group.wait() }
        return try body {
            let batch = try preparer.next()
            if batch != nil { progress?(preparer.bytesTaken, max(input.totalBytes, preparer.bytesTaken)) }
            return batch
        }
    }

    private static func prepareAll(_ text: UnsafeBufferPointer<UInt8>) throws(StoreError) -> [PreparedEvent] {
        do throws(EventInputError) {
            return try NDJSONReader.events(in: text).map(PreparedEvent.init)
        } catch { throw .input(error) }
    }

    private init(_ text: UnsafeBufferPointer<UInt8>, blocks: @escaping (Int) throws(StoreError) -> Block?) {
        self.text = text
        nextBlock = blocks
    }

    private func next() throws(StoreError) -> PreparedBatch? {
        guard !sourceDone else { return nil }
        while ready.count <= nextToTake + EventBatchPreparer.lookahead { request(ready.count) }
        ready[nextToTake].wait()
        let outcome = results.withLock { r in r.removeValue(forKey: nextToTake)! }
        nextToTake += 1
        let (result, lineFeeds, bytes): (Result<PreparedBatch, EventInputError>, Int, Int)
        switch outcome {
        case .end:
            sourceDone = true
            return nil
        case .unreadable(let error):
            sourceDone = true
            throw error
        case .parsed(let r, let l, let b):
            (result, lineFeeds, bytes) = (r, l, b)
        }
        bytesTaken += bytes
        let offset = nextLine - 1
        nextLine += lineFeeds
        switch result {
        case .success(var batch):
            batch.shiftLines(by: offset)
            return batch
        case .failure(var e):
            e.line += offset
            throw .input(e)
        }
    }

    /// Reads the `index`-th block (after the ones before it) and starts parsing it.
    private func request(_ index: Int) {
        let done = DispatchSemaphore(value: 0)
        ready.append(done)
        reading.async(group: group) { [self] in
            guard !sourceEnded else {
                results.withLock { $0[index] = .end }
                done.signal()
                return
            }
            let block: Block
            do throws(StoreError) {
                guard let read = try nextBlock(index) else {
                    sourceEnded = true
                    results.withLock { $0[index] = .end }
                    done.signal()
                    return
                }
                block = read
            } catch {
                sourceEnded = true
                results.withLock { $0[index] = .unreadable(error) }
                done.signal()
                return
            }
            start(index, block, done: done)
        }
    }

    private func start(_ index: Int, _ block: Block, done: DispatchSemaphore) {
        queue.async(group: group) { [self] in
            func parse(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (Result<PreparedBatch, EventInputError>, Int) {
                let r: Result<PreparedBatch, EventInputError>
                do throws(EventInputError) {
                    r = .success(PreparedBatch(try NDJSONReader.preparedEvents(in: text, piece: NDJSONReader.Piece(range: range, firstLine: 1))))
                } catch { r = .failure(error) }
                return (r, NDJSONReader.lineFeeds(in: text, range))
            }
            let (r, lineFeeds, bytes): (Result<PreparedBatch, EventInputError>, Int, Int)
            switch block {
            case .range(let range):
                (r, lineFeeds) = parse(text, range)
                bytes = index == 0 ? range.upperBound : range.count
            case .owned(let owned):
                (r, lineFeeds) = owned.withUnsafeBufferPointer { parse($0, 0..<$0.count) }
                bytes = owned.count
            }
            results.withLock { $0[index] = .parsed(r, lineFeeds: lineFeeds, bytes: bytes) }
            done.signal()
        }
    }
}
