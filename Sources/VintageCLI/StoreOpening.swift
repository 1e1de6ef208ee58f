import ArgumentParser
import Vintage

extension VintageCommand {
    /// Opens the chosen store; `create` makes it when missing (as `append` and `init` do).
    /// A writer waits `--wait` seconds for another's lock, saying so on a terminal.
    /// The store is kept in ``OpenedStores`` until the process ends.
    func openStore(create: Bool = false) throws -> Store {
        try Self.openStore(directory: storeDirectory, wait: wait, create: create)
    }

    /// Opens the store in `directory`, waiting `wait` seconds (default 60) for a writer's lock;
    /// the store is kept in ``OpenedStores`` until the process ends.
    static func openStore(directory: String, wait: Double?, create: Bool = false) throws -> Store {
        if let shared = try openSharedStore(directory: directory, wait: wait, create: create) { return shared }
        let store = try Store(
            directory: directory, create: create, lockTimeoutMilliseconds: Int32(((wait ?? 60) * 1000).rounded()),
            whileWaiting: Terminal.stderrIsTerminal ? Self.reportWait : nil)
        OpenedStores.keep(store)
        return store
    }

    /// Tells the person at the terminal why nothing happens.
    @Sendable static func reportWait(_ wait: LockWait) {
        let holder = wait.holder.map { "process \($0)" } ?? "another process"
        let ms = wait.timeoutMilliseconds
        let limit = ms % 1000 == 0 ? "\(ms / 1000) s" : "\(Double(ms) / 1000) s"
        Terminal.writeError(
            "vintage: waiting for \(holder), which is writing to \(wait.path); giving up after \(limit) (--wait SECONDS sets how long)")
    }

    /// `--wait`'s value: seconds, 0 or more.
    static func parseWait(_ text: String) throws -> Double {
        guard let seconds = Double(text), seconds.isFinite, seconds >= 0, seconds <= 2_000_000 else {
            throw ValidationError("expected a number of seconds, 0 or more (0: fail at once if another writer holds the lock)")
        }
        return seconds
    }
}

extension StoreError {
    /// The message the command line prints: a lock held too long also says how to wait longer.
    var commandLineMessage: String {
        if case .log(.locked) = self { return description + " (vintage --wait SECONDS waits longer)" }
        return description
    }
}
