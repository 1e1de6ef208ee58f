import Foundation
import Testing

/// Runs the built `vintage` binary as a user would, in a temporary working directory.
struct VintageProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `vintage` executable next to the test bundle in the build folder.
    static let executable: URL = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = bundle.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("vintage")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let link = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("vintage")
        return link
    }()

    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("vintage-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// The default store directory of commands run here.
    var store: URL { directory.appendingPathComponent("vintage-store") }

    /// A working directory whose default store holds the events of `ndjson` (appended from
    /// `events.ndjson`, which stays there).
    static func holding(_ ndjson: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> VintageProcess {
        let v = try VintageProcess()
        try v.write("events.ndjson", ndjson)
        let append = try v.run(["append", "events.ndjson"])
        #expect(append.status == 0, "\(append.stderr)", sourceLocation: sourceLocation)
        return v
    }

    /// Writes a file in the working directory.
    func write(_ name: String, _ text: String) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    /// Runs `vintage` with arguments (and optional standard input) and waits for it.
    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:], asUser uid: Int? = nil) throws -> Result {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        if let uid {
            // As another user (the caller is root): `setpriv` drops to it, then runs vintage.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", Self.executable.path] + arguments
        }
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "VINTAGE_STORE")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs a shell command line with its standard streams on a terminal (util-linux
    /// `script`) in the working directory, with `environment` changed (nil: unset), and
    /// returns the exit status and what the terminal showed.
    func runOnATerminal(_ commandLine: String, environment: [String: String?] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", commandLine, "/dev/null"]
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for (k, value) in environment { env[k] = value }
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// Sample input lines for the CLI tests.
enum Sample {
    static let definitions = """
        {"type":"series","series":"kr.exports.total","unit":"USD","frequency":"monthly","tags":{"country":"KR"}}
        {"type":"series","series":"kr.exports.autos","unit":"USD","frequency":"monthly"}

        """
    static let january = """
        {"type":"observation","id":"jan-total","series":"kr.exports.total","period":"2026-01","value":65.8e9,"released_at":"2026-02-01T00:00:00Z","source":"MOTIE"}
        {"type":"observation","series":"kr.exports.autos","period":"2026-01","value":6.0e9,"released_at":"2026-02-01T00:00:00Z"}

        """
}
