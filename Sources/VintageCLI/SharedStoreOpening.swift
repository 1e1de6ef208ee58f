import Vintage

#if canImport(Glibc)
    import Glibc
#endif

extension VintageCommand {
    /// The shared log's URL given to a command that makes a store: `--log`, else `$VINTAGE_LOG_URL`.
    static func sharedLogURL(_ option: String?) -> String? {
        if let option { return option }
        if let env = getenv("VINTAGE_LOG_URL"), env.pointee != 0 { return String(cString: env) }
        return nil
    }

    /// Opens the store in `directory` when its log is shared (PostgreSQL), caught up to the
    /// shared log's end; nil for an embedded store. A store that does not exist yet and is to
    /// be made (`create`) is made on `$VINTAGE_LOG_URL` when that is set.
    ///
    /// Commands that do not append (`create` false) on a store that `vintage follow` keeps
    /// current get nil too: they read the local replica and projection as an embedded store,
    /// as fast, without asking the shared log.
    static func openSharedStore(directory: String, wait: Double?, create: Bool) throws -> Store? {
        let replica = { (create: Bool) throws -> Store in try openReplica(directory: directory, wait: wait, create: create) }
        if SharedLog.name(inStore: directory) != nil {
            if !create && SharedLog.isFollowed(inStore: directory) { return nil }
            return try SharedLog.required().openStore(directory: directory, waitSeconds: wait, eachBatch: nil, replica: replica)
        }
        guard create, let url = sharedLogURL(nil), access(Store.logPath(in: directory), F_OK) != 0 else { return nil }
        return try SharedLog.required().createStore(directory: directory, url: url, waitSeconds: wait, replica: replica).store
    }

    /// Opens the local part of a store (its replica and projection) as an embedded store is opened.
    static func openReplica(directory: String, wait: Double?, create: Bool) throws -> Store {
        let store = try Store(
            directory: directory, create: create, lockTimeoutMilliseconds: Int32(((wait ?? 60) * 1000).rounded()),
            whileWaiting: Terminal.stderrIsTerminal ? Self.reportWait : nil)
        OpenedStores.keep(store)
        return store
    }

    /// How `stats` and `verify` name the store's log: the shared log's URL (without a
    /// password), or "embedded".
    static func logDescription(inStore directory: String) -> String {
        SharedLog.name(inStore: directory) ?? "embedded"
    }
}
