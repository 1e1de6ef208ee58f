import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import VintageCore

/// Parses and prepares (canonical bytes, checksum, id) a whole input on all cores, keeping
/// input order and reporting the first bad line.
enum EventBatchPreparer {
    static func prepare(_ bytes: [UInt8]) throws(StoreError) -> [PreparedEvent] {
        let outcome: Result<[PreparedEvent], EventInputError> = bytes.withUnsafeBufferPointer { text in
            if NDJSONReader.isArray(text) || text.count < 1 << 16 {
                do throws(EventInputError) {
                    return .success(try NDJSONReader.events(in: text).map(PreparedEvent.init))
                } catch { return .failure(error) }
            }
            let pieces = NDJSONReader.pieces(of: text, count: max(2, System.coreCount) * 4)
            let results = Mutex([Result<[PreparedEvent], EventInputError>?](repeating: nil, count: pieces.count))
            nonisolated(unsafe) let shared = text
            DispatchQueue.concurrentPerform(iterations: pieces.count) { i in
                let r: Result<[PreparedEvent], EventInputError>
                do throws(EventInputError) {
                    r = .success(try NDJSONReader.events(in: shared, piece: pieces[i]).map(PreparedEvent.init))
                } catch { r = .failure(error) }
                results.withLock { $0[i] = r }
            }
            var all: [PreparedEvent] = []
            for r in results.withLock({ $0 }) {
                switch r! {
                case .success(let events): all.append(contentsOf: events)
                case .failure(let e): return .failure(e)
                }
            }
            return .success(all)
        }
        switch outcome {
        case .success(let events): return events
        case .failure(let e): throw .input(e)
        }
    }
}

/// Facts about the machine.
enum System {
    /// Online processor cores.
    static var coreCount: Int {
        #if canImport(Glibc)
        Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        2
        #endif
    }
}
