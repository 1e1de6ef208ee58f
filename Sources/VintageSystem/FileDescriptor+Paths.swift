#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension FileDescriptor {
    /// What `stat(2)` (or, not following a symbolic link, `lstat(2)`) says of the file at `path`.
    package static func status(ofPath path: String, followingLinks: Bool = true) throws(Errno) -> FileStatus {
        var info = stat()
        guard (followingLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { throw .current }
        return FileStatus(info)
    }

    /// Whether the process may read (`read`), write (`write`) or, with neither, find the file
    /// at `path` (`access(2)`).
    package static func isAccessible(_ path: String, read: Bool = false, write: Bool = false) -> Bool {
        let mode = (read ? R_OK : 0) | (write ? W_OK : 0)
        return access(path, mode == 0 ? F_OK : mode) == 0
    }

    /// Creates the directory `path` (`mkdir(2)`).
    package static func makeDirectory(_ path: String, permissions: UInt32 = 0o755) throws(Errno) {
        guard mkdir(path, mode_t(permissions)) == 0 else { throw .current }
    }

    /// Gives the file `source` the additional name `destination` (`link(2)`).
    package static func link(_ source: String, _ destination: String) throws(Errno) {
        guard systemLink(source, destination) == 0 else { throw .current }
    }

    /// Renames `source` to `destination`, atomically replacing a file of that name (`rename(2)`).
    package static func rename(_ source: String, _ destination: String) throws(Errno) {
        guard systemRename(source, destination) == 0 else { throw .current }
    }

    /// Removes the name `path` of a file (`unlink(2)`).
    package static func remove(_ path: String) throws(Errno) {
        guard unlink(path) == 0 else { throw .current }
    }

    /// Removes the empty directory `path` (`rmdir(2)`).
    package static func removeDirectory(_ path: String) throws(Errno) {
        guard rmdir(path) == 0 else { throw .current }
    }

    /// The names in the directory `path`, without `.` and `..`, in the directory's order
    /// (`opendir(3)`, `readdir(3)`).
    package static func entries(ofDirectory path: String) throws(Errno) -> [String] {
        guard let dir = opendir(path) else { throw .current }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}

private func systemLink(_ source: String, _ destination: String) -> Int32 { link(source, destination) }
private func systemRename(_ source: String, _ destination: String) -> Int32 { rename(source, destination) }
