import Foundation
import Testing

/// The PostgreSQL server `tools/test.sh` starts (tools/postgres-server.sh): each test makes
/// its own database. Without `VINTAGE_TEST_POSTGRES_URL` the shared-log tests are skipped,
/// saying so.
enum TestPostgres {
    static let environment = ProcessInfo.processInfo.environment
    static let url = environment["VINTAGE_TEST_POSTGRES_URL"]
    static let isAvailable: Bool = {
        if url == nil {
            FileHandle.standardError.write(
                Data(
                    """
                    warning: VINTAGE_TEST_POSTGRES_URL is unset: the shared-log (PostgreSQL) tests are SKIPPED. \
                    tools/test.sh starts a private server (tools/postgres-server.sh) and sets it.

                    """.utf8))
        }
        return url != nil
    }()
    static let skipReason: Comment = "VINTAGE_TEST_POSTGRES_URL is unset (tools/test.sh starts a PostgreSQL server): shared-log tests SKIPPED"

    /// A new, empty database on the server at `base` (the test server's URL by default); its URL.
    static func database(on base: String? = nil, psqlHost: String? = nil) throws -> String {
        let base = base ?? url!
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        try psql("CREATE DATABASE \(name)", host: psqlHost)
        return base.replacingOccurrences(of: "/postgres", with: "/\(name)", options: .backwards)
    }

    /// Runs SQL with psql as the superuser `vintage` on the test server (or the one at `host`).
    @discardableResult
    static func psql(_ sql: String, database: String = "postgres", host: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: environment["VINTAGE_TEST_PSQL"] ?? "/usr/bin/psql")
        process.arguments = [
            "-h", host ?? environment["VINTAGE_TEST_POSTGRES_DIR"]!, "-U", "vintage", "-d", database, "-qAt", "-v", "ON_ERROR_STOP=1", "-c", sql
        ]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw PSQLFailure(message: problem) }
        return text
    }

    /// The database name in a URL made by ``database(on:psqlHost:)``.
    static func name(of url: String) -> String { String(url.split(separator: "/").last!) }

    /// Runs tools/postgres-server.sh (start, stop, kill, restart) on `dir`.
    /// (Foundation's `Process` waits for the server it starts too: `system` waits for the script.)
    static func server(_ command: String, _ dir: String) throws {
        let status = system("'\(environment["VINTAGE_TEST_POSTGRES_SERVER"]!)' \(command) '\(dir)' >/dev/null")
        guard status == 0 else { throw PSQLFailure(message: "postgres-server.sh \(command) failed (status \(status))") }
    }

    /// The URL of the database `postgres` on a server started by ``server(_:_:)`` in `dir`.
    static func url(ofServerIn dir: String) -> String {
        "postgresql://vintage@\(dir.replacingOccurrences(of: "/", with: "%2F")):5432/postgres"
    }

    /// Holds the shared log's head row for `seconds` from another session (as a long append
    /// of another host would), through psql on the server whose socket is in `socketDirectory`.
    static func holdHeadRow(socketDirectory: String, database: String, seconds: Int) throws -> Process {
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: environment["VINTAGE_TEST_PSQL"] ?? "/usr/bin/psql")
        holder.arguments = [
            "-h", socketDirectory, "-U", "vintage", "-d", database, "-c", "BEGIN; SELECT * FROM log_head FOR UPDATE; SELECT pg_sleep(\(seconds));"
        ]
        holder.standardOutput = FileHandle.nullDevice
        holder.standardError = FileHandle.nullDevice
        try holder.run()
        return holder
    }

    struct PSQLFailure: Error { var message: String }
}
