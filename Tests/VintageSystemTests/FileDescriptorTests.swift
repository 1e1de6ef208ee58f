import Testing
import VintageSystem
import VintageTestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The file calls answer as the system calls they wrap: bytes written are read back whole and
/// at an offset, a taken name refuses an exclusive create, and each failure is the errno.
@Suite struct FileDescriptorTests {
    @Test func bytesWrittenAreReadBackWholeAndFromAnOffset() throws {
        try withScratchDirectory { dir in
            let path = dir + "/f"
            let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let out = try FileDescriptor.open(path, .writeOnly, options: [.create, .exclusiveCreate, .closeOnExec])
            try out.writeAll(bytes)
            try out.sync()
            try out.close()

            let input = try FileDescriptor.open(path, .readOnly)
            defer { try? input.close() }
            #expect(try input.status().kind == .regular)
            #expect(try input.status().size == bytes.count)
            var whole = [UInt8](repeating: 0, count: bytes.count + 10)
            var filled = 0
            while true {
                let n = try whole.withUnsafeMutableBytes { buffer in
                    try input.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
                }
                if n == 0 { break }
                filled += n
            }
            #expect(Array(whole[..<filled]) == bytes)
            var part = [UInt8](repeating: 0, count: 100)
            let n = try part.withUnsafeMutableBytes { try input.read(fromAbsoluteOffset: 5_000, into: $0) }
            #expect(n == 100)
            #expect(part == Array(bytes[5_000..<5_100]))
        }
    }

    @Test func anExclusiveCreateOfATakenNameFailsWithFileExists() throws {
        try withScratchDirectory { dir in
            let fd = try FileDescriptor.open(dir + "/f", .writeOnly, options: [.create, .exclusiveCreate])
            try fd.close()
            #expect(throws: Errno.fileExists) {
                try FileDescriptor.open(dir + "/f", .writeOnly, options: [.create, .exclusiveCreate])
            }
            #expect(throws: Errno.noSuchFileOrDirectory) { try FileDescriptor.open(dir + "/missing", .readOnly) }
            #expect(Errno.noSuchFileOrDirectory.description == String(cString: strerror(ENOENT)))
        }
    }

    @Test func pathOperationsMakeLinkRenameListAndRemove() throws {
        try withScratchDirectory { dir in
            try FileDescriptor.makeDirectory(dir + "/d")
            #expect(throws: Errno.fileExists) { try FileDescriptor.makeDirectory(dir + "/d") }
            #expect(try FileDescriptor.status(ofPath: dir + "/d").kind == .directory)
            let fd = try FileDescriptor.open(dir + "/a", .writeOnly, options: [.create])
            try fd.writeAll([1, 2, 3])
            try fd.close()
            try FileDescriptor.link(dir + "/a", dir + "/b")
            #expect(throws: Errno.fileExists) { try FileDescriptor.link(dir + "/a", dir + "/b") }
            #expect(try FileDescriptor.status(ofPath: dir + "/a").links == 2)
            #expect(try FileDescriptor.status(ofPath: dir + "/a").inode == FileDescriptor.status(ofPath: dir + "/b").inode)
            try FileDescriptor.rename(dir + "/b", dir + "/c")
            #expect(try FileDescriptor.entries(ofDirectory: dir).sorted() == ["a", "c", "d"])
            #expect(FileDescriptor.isAccessible(dir + "/c", read: true))
            try FileDescriptor.remove(dir + "/c")
            #expect(throws: Errno.noSuchFileOrDirectory) { try FileDescriptor.remove(dir + "/c") }
            try FileDescriptor.removeDirectory(dir + "/d")
            #expect(!FileDescriptor.isAccessible(dir + "/d"))
            #expect(throws: Errno.noSuchFileOrDirectory) { try FileDescriptor.status(ofPath: dir + "/d") }
        }
    }

    @Test func aLockHeldThroughAnotherOpenFileIsWaitedForThenRefused() throws {
        try withScratchDirectory { dir in
            let first = try FileDescriptor.open(dir + "/LOCK", .readWrite, options: [.create])
            let second = try FileDescriptor.open(dir + "/LOCK", .readWrite, options: [.create])
            defer { try? first.close(); try? second.close() }
            #expect(try first.lockExclusive(timeoutMilliseconds: 0))
            var waits = 0
            #expect(try !second.lockExclusive(timeoutMilliseconds: 0, whileWaiting: { waits += 1 }))
            #expect(waits == 0)
            #expect(try !second.lockExclusive(timeoutMilliseconds: 10, whileWaiting: { waits += 1 }))
            #expect(waits == 1)
            first.unlock()
            #expect(try second.lockExclusive(timeoutMilliseconds: 0))
        }
    }
}
