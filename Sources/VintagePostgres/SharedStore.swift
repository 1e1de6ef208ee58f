import Vintage
import VintageLog

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A store directory whose log is shared (``PostgresLog``): it records the log's address
/// (without a password) in the file ``fileName``, keeps a full replica of the shared log as
/// its `log.sqlite` and its own projection. Opening one catches the replica up to the shared
/// log's end and makes every append go through the shared log.
public enum SharedStore {
    /// The file in a store directory naming its shared log.
    public static let fileName = "shared-log"

    /// How many batches a catch-up copies per local transaction.
    static let batchesPerCopy = 64

    /// The shared log's address recorded in `directory`, nil for an embedded store (or none).
    public static func address(inStore directory: String) throws(StoreError) -> PostgresLogAddress? {
        let path = directory + "/" + fileName
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        guard let text = PostgresLogAddress.readFile(path) else {
            throw SharedLogError.badStoreFile(path: path, reason: String(cString: strerror(errno))).storeError
        }
        let line = text.split(whereSeparator: { $0 == "\n" }).first.map(String.init) ?? ""
        do {
            return try PostgresLogAddress(parsing: line)
        } catch {
            throw SharedLogError.badStoreFile(path: path, reason: "'\(line)' is not a PostgreSQL URL (\(error))").storeError
        }
    }

    /// Makes `directory` a store on the shared log at `address` (creating the log's tables
    /// when the database has none) and opens it with `open`; an existing store on the same
    /// log is opened as it is. Returns the store, caught up, and whether it was made now.
    public static func create(
        directory: String, address: PostgresLogAddress, lockTimeoutMilliseconds: Int = 60_000,
        open: (_ create: Bool) throws -> Store
    ) throws -> (store: Store, created: Bool) {
        let logPath = Store.logPath(in: directory)
        if let existing = try self.address(inStore: directory) {
            guard existing == address else {
                throw StoreError.invalidRequest("\(directory) is a store on the shared log \(existing), not \(address)")
            }
            return (
                try self.open(directory: directory, address: address, lockTimeoutMilliseconds: lockTimeoutMilliseconds, open: { try open(false) }),
                false
            )
        }
        var info = stat()
        if stat(logPath, &info) == 0, info.st_size > 0 {
            throw StoreError.invalidRequest("\(directory) already holds an embedded store (log.sqlite); give --log a new store directory")
        }
        let log = try PostgresLog(address: address, lockTimeoutMilliseconds: lockTimeoutMilliseconds)
        try log.createIfMissing()
        let store = try open(true)
        try writeAddress(address, inStore: directory)
        return (try attach(store, directory: directory, to: log, open: { try open(false) }), true)
    }

    /// Opens the store in `directory` on the shared log at `address`: connects, checks the
    /// log's format, rebuilds a replica that is not a prefix of the shared log, copies what
    /// the replica lacks and makes the shared log decide every append.
    /// `eachBatch` is called with each batch copied.
    public static func open(
        directory: String, address: PostgresLogAddress, lockTimeoutMilliseconds: Int = 60_000,
        eachBatch: (ReplicatedBatch) -> Void = { _ in }, open: () throws -> Store
    ) throws -> Store {
        let log = try PostgresLog(address: address, lockTimeoutMilliseconds: lockTimeoutMilliseconds)
        try log.checkExists()
        return try attach(try open(), directory: directory, to: log, eachBatch: eachBatch, open: open)
    }

    /// Makes `store` (opened by `open`) a replica of `log`: rebuilt when it is not a prefix
    /// of the shared log, caught up, and appending through it.
    static func attach(
        _ opened: Store, directory: String, to log: PostgresLog, eachBatch: (ReplicatedBatch) -> Void = { _ in },
        open: () throws -> Store
    ) throws -> Store {
        var store = opened
        let shared: LogHead
        do { shared = try log.head() } catch { throw StoreError.log(error) }
        do {
            try log.checkPrefix(try store.logHead(), sharedHead: shared)
        } catch {
            store.close()
            try rebuildReplica(directory: directory, from: log)
            store = try open()
            _ = try store.replay(force: true)
        }
        try catchUp(store, from: log, eachBatch: eachBatch)
        store.setLogUpstream(log)
        return store
    }

    /// Copies the shared log's batches after the replica's end into it, a few at a time,
    /// and brings the projection up to them. Returns the batches copied.
    @discardableResult
    public static func catchUp(_ store: Store, from log: PostgresLog, eachBatch: (ReplicatedBatch) -> Void = { _ in }) throws(StoreError) -> Int {
        var copied = 0
        while true {
            let after = try store.lastSeq()
            let batches: [ReplicatedBatch]
            do { batches = try log.batches(after: after, limit: batchesPerCopy) } catch { throw .log(error) }
            if batches.isEmpty { return copied }
            try store.replicate(batches)
            copied += batches.count
            batches.forEach(eachBatch)
        }
    }

    /// Replaces the replica with a fresh copy of the shared log; the old one is kept beside
    /// it as `log.sqlite.diverged`.
    static func rebuildReplica(directory: String, from log: PostgresLog) throws(StoreError) {
        let path = Store.logPath(in: directory)
        for suffix in ["-wal", "-shm"] { unlink(path + ".diverged" + suffix) }
        rename(path, path + ".diverged")
        for suffix in ["-wal", "-shm"] { rename(path + suffix, path + ".diverged" + suffix) }
        do {
            let replica = try SQLiteEventLog(path: path, create: true)
            defer { replica.close() }
            var after: Int64 = 0
            while true {
                let batches = try log.batches(after: after, limit: batchesPerCopy)
                guard let last = batches.last else { break }
                try replica.replicate(batches)
                after = last.lastSeq
            }
        } catch {
            throw .log(error)
        }
    }

    /// Writes the file naming the shared log (atomically: a temporary file renamed).
    static func writeAddress(_ address: PostgresLogAddress, inStore directory: String) throws(StoreError) {
        let path = directory + "/" + fileName
        let temporary = path + ".new"
        guard let file = fopen(temporary, "w") else {
            throw .cannotCreate(path: temporary, reason: String(cString: strerror(errno)))
        }
        let text = address.description + "\n"
        let written = fputs(text, file) >= 0 && fflush(file) == 0 && fsync(fileno(file)) == 0
        fclose(file)
        guard written, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw .cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
