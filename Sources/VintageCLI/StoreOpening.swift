import Vintage

extension VintageCommand {
    /// Opens the chosen store; `create` makes it when missing (as `append` and `init` do).
    func openStore(create: Bool = false) throws -> Store {
        try Store(directory: storeDirectory, create: create)
    }
}
