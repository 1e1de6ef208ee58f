import Vintage

/// The stores a command opened, kept until the process ends: `main` closes their logs
/// (SQLite checkpoints and closes cleanly) and then ends the process without freeing the
/// projections, manifests and caches behind them — freeing them is work no one needs.
enum OpenedStores {
    /// Only the main thread opens stores and closes them.
    nonisolated(unsafe) private static var stores: [Store] = []

    /// Keeps `store` until ``closeAll()``.
    static func keep(_ store: Store) {
        stores.append(store)
    }

    /// Closes the log of every kept store; the stores must not be used afterwards.
    static func closeAll() {
        for store in stores { store.close() }
    }
}
