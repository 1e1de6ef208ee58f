#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `stat` tells of a file: its kind, size, identity and change time.
package struct FileStatus: Hashable, Sendable {
    /// The kinds of file Vintage tells apart.
    package enum Kind: Hashable, Sendable { case regular, directory, other }

    /// Its kind.
    package var kind: Kind
    /// Its size in bytes.
    package var size: Int
    /// The bytes allocated to it on disk.
    package var allocatedSize: Int64
    /// The device holding it.
    package var device: UInt64
    /// Its inode number on that device.
    package var inode: UInt64
    /// Its number of hard links.
    package var links: Int
    /// Its status change time (`st_ctime`), in nanoseconds since the Unix epoch.
    package var changed: Int64

    init(_ info: stat) {
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        default: kind = .other
        }
        size = Int(info.st_size)
        allocatedSize = Int64(info.st_blocks) * 512
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        links = Int(info.st_nlink)
        #if canImport(Darwin)
            changed = Int64(info.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(info.st_ctimespec.tv_nsec)
        #else
            changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        #endif
    }
}
