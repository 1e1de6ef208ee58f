#if canImport(Glibc)
    import Glibc
#endif

/// SVG to PNG through `rsvg-convert` (Debian's `librsvg2-bin`), found on `$PATH`.
enum PNGConversion {
    /// The converter's name.
    static let converter = "rsvg-convert"

    /// Converts the SVG document `svg` to a PNG file at `path`.
    ///
    /// - Throws: a one-line ``UserError`` when the converter is missing, the file cannot be
    ///   written, or the conversion fails.
    static func convert(svg: [UInt8], to path: String) throws(UserError) {
        guard let program = locate(converter) else {
            throw UserError("--png needs \(converter), which is not on PATH (Debian: apt-get install librsvg2-bin); --svg FILE writes the SVG itself")
        }
        try OutputFile.checkWritable(path, option: "--png")
        var template = Array("/tmp/vintage-chart-XXXXXX.svg".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard fd >= 0 else { throw UserError("cannot create a temporary file for --png: \(String(cString: strerror(errno)))") }
        close(fd)
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(temporary) }
        try OutputFile.write(svg, to: temporary, option: "--png's temporary SVG")
        let status = run(program, [converter, "--format", "png", "--output", path, temporary])
        guard status == 0 else { throw UserError("\(converter) could not convert the chart to --png \(path) (exit status \(status))") }
    }

    /// The path of `name` in a directory of `$PATH` where it is executable.
    static func locate(_ name: String) -> String? {
        guard let path = getenv("PATH") else { return nil }
        for directory in String(cString: path).split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Runs `program` with `arguments` (its standard output and error silenced) and returns
    /// its exit status (−1 when it could not be started).
    private static func run(_ program: String, _ arguments: [String]) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        guard posix_spawn(&pid, program, &actions, nil, &argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS, which Swift does not import as macros.
        return status & 0x7f == 0 ? (status >> 8) & 0xff : -1
    }
}
