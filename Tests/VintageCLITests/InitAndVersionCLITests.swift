import Foundation
import Testing

@Suite struct InitAndVersionCLITests {
    @Test func initMakesMissingParentDirectories() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        let result = try v.run(["--store", "data/trade/store", "init"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Store ready at data/trade/store\n")
        #expect(FileManager.default.fileExists(atPath: v.directory.appendingPathComponent("data/trade/store/log.sqlite").path))
        // Appending creates a store the same way.
        try v.write("defs.ndjson", Sample.definitions)
        #expect(try v.run(["--store", "other/deep/store", "append", "defs.ndjson"]).status == 0)
    }

    @Test func initNamesThePartInTheWay() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        try v.write("plain.txt", "hello")
        let result = try v.run(["--store", "plain.txt/sub/store", "init"])
        #expect(result.status == 1)
        #expect(result.stderr == "vintage: cannot create the directory plain.txt/sub/store for the store: plain.txt is not a directory\n")
    }

    @Test func versionIsOneLineWithTheStoreFormat() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        let result = try v.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.wholeMatch(of: /vintage \d+\.\d+\.\d+ \(store format \d+, projection format \d+\)\n/) != nil, "\(result.stdout)")
    }

    @Test func helpDocumentsCompletionScripts() throws {
        let v = try VintageProcess()
        defer { v.remove() }
        #expect(try v.run(["--help"]).stdout.contains("--generate-completion-script bash|zsh|fish"))
        for shell in ["bash", "zsh", "fish"] {
            let script = try v.run(["--generate-completion-script", shell])
            #expect(script.status == 0)
            #expect(script.stdout.contains("--as-of"))
        }
    }
}
