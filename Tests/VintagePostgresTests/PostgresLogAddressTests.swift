import Testing
import VintagePostgres

/// Shared-log URLs as libpq reads them, and the password never kept in their text.
@Suite struct PostgresLogAddressTests {
    @Test func hostPortDatabaseAndUser() throws {
        let a = try PostgresLogAddress(parsing: "postgresql://ana@db.example.org:6543/stats")
        #expect(a.user == "ana" && a.host == "db.example.org" && a.port == 6543 && a.database == "stats")
        #expect(!a.isUnixSocket)
        #expect(a.description == "postgresql://ana@db.example.org:6543/stats")
        let b = try PostgresLogAddress(parsing: "postgres://ana@db/stats")
        #expect(b.port == 5432)
    }

    @Test func unixSocketHosts() throws {
        let a = try PostgresLogAddress(parsing: "postgresql://ana@%2Ftmp%2Fpgsock/stats")
        #expect(a.isUnixSocket && a.host == "/tmp/pgsock" && a.socketPath == "/tmp/pgsock/.s.PGSQL.5432")
        #expect(a.description == "postgresql://ana@%2Ftmp%2Fpgsock:5432/stats")
        #expect(try PostgresLogAddress(parsing: a.description) == a)
        let b = try PostgresLogAddress(parsing: "postgresql://ana@/stats?host=/var/run/postgresql&port=5433")
        #expect(b.host == "/var/run/postgresql" && b.port == 5433 && b.socketPath == "/var/run/postgresql/.s.PGSQL.5433")
    }

    @Test func aPasswordIsUsedButNeverPrinted() throws {
        let a = try PostgresLogAddress(parsing: "postgresql://ana:s3cret@db/stats")
        #expect(a.password() == "s3cret")
        #expect(!a.description.contains("s3cret"))
        do {
            _ = try PostgresLogAddress(parsing: "postgresql://ana:s3cret@db:99999/stats")
            Issue.record("a bad port was accepted")
        } catch {
            #expect(!error.description.contains("s3cret"))
            #expect(error.description.contains("99999"))
        }
    }

    @Test(arguments: ["mysql://ana@db/stats", "postgresql://ana@db", "postgresql://ana@db:x/stats"])
    func malformedURLsAreOneLineErrors(_ text: String) {
        #expect(throws: SharedLogError.self) { try PostgresLogAddress(parsing: text) }
    }
}
