import Foundation
import Testing

/// `tools/install.sh PREFIX` puts the binary, its man page and its bash, zsh and fish
/// completions in place (here: the debug build, into a temporary prefix).
@Suite struct InstallScriptCLITests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func installPutsEveryFileInPlace() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        let prefix = v.directory.appendingPathComponent("prefix")
        // The man page as tools/setup.sh makes it when the generator is built next to the
        // binary (swift build --product generate-manual), else a stand-in.
        let manual = v.directory.appendingPathComponent("vintage.1")
        let generator = VintageProcess.executable.deletingLastPathComponent().appendingPathComponent("generate-manual")
        if FileManager.default.isExecutableFile(atPath: generator.path) {
            let generate = try Self.run(
                Self.packageRoot.appendingPathComponent("tools/generate-manpage.sh").path,
                [VintageProcess.executable.path, v.directory.path])
            #expect(generate.status == 0, "\(generate.output)")
        } else {
            try ".Dd December 7, 2026\n.Dt VINTAGE 1\n.Os\n.Sh NAME\n.Nm vintage\n".write(to: manual, atomically: true, encoding: .utf8)
        }
        let install = try Self.run(
            Self.packageRoot.appendingPathComponent("tools/install.sh").path, [prefix.path],
            environment: ["VINTAGE_BINARY": VintageProcess.executable.path, "VINTAGE_MANUAL": manual.path])
        #expect(install.status == 0, "\(install.output)")
        #expect(install.output.contains("Installed vintage "))
        let installed = try Self.run(prefix.appendingPathComponent("bin/vintage").path, ["--version"])
        #expect(installed.output.hasPrefix("vintage "))
        for (path, marker) in [
            ("share/bash-completion/completions/vintage", "_vintage"),
            ("share/zsh/site-functions/_vintage", "#compdef vintage"),
            ("share/fish/vendor_completions.d/vintage.fish", "complete -c 'vintage'")
        ] {
            let text = try String(contentsOf: prefix.appendingPathComponent(path), encoding: .utf8)
            #expect(text.contains(marker), "\(path)")
            #expect(text.contains("as-of"), "\(path)")
        }
        let pagePath = prefix.appendingPathComponent("share/man/man1/vintage.1").path
        let page = try String(contentsOfFile: pagePath, encoding: .utf8)
        #expect(page.contains(".Nm vintage"))
        if page.contains("swift-argument-parser"), FileManager.default.isExecutableFile(atPath: "/usr/bin/man") {
            // The generated page renders without warnings and documents the options.
            let rendered = try Self.run("/usr/bin/man", ["-l", pagePath])
            #expect(rendered.status == 0)
            #expect(!rendered.output.contains("warning"), "\(rendered.output.prefix(300))")
            #expect(rendered.output.contains("--as-of") || rendered.output.contains("as-of"))
        }
    }

    @Test func installWithoutABuildSaysWhatToRun() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        let install = try Self.run(
            Self.packageRoot.appendingPathComponent("tools/install.sh").path, [v.directory.path],
            environment: ["VINTAGE_BINARY": v.directory.appendingPathComponent("missing").path])
        #expect(install.status == 1)
        #expect(install.output.contains("missing is missing; run tools/setup.sh first"))
    }

    static func run(_ path: String, _ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = arguments
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
