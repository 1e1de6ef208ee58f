import VintageSystem

/// A file a command writes (a chart), created or replaced whole.
enum OutputFile {
    /// Writes `bytes` to `path`, replacing it; `option` names where the path came from in
    /// the one-line error (e.g. `--svg`).
    static func write(_ bytes: [UInt8], to path: String, option: String) throws(UserError) {
        do {
            let fd = try FileDescriptor.open(path, .writeOnly, options: [.create, .truncate, .closeOnExec], permissions: 0o644)
            defer { try? fd.close() }
            try fd.writeAll(bytes)
        } catch {
            throw UserError("cannot write \(option) \(path): \(error.description)")
        }
    }

    /// Checks that `path` can be written, creating it if it is missing.
    static func checkWritable(_ path: String, option: String) throws(UserError) {
        do {
            let fd = try FileDescriptor.open(path, .writeOnly, options: [.create, .closeOnExec], permissions: 0o644)
            try? fd.close()
        } catch {
            throw UserError("cannot write \(option) \(path): \(error.description)")
        }
    }
}
