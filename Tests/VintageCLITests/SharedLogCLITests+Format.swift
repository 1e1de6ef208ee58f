import Foundation
import Testing

extension SharedLogCLITests {
    /// A shared log of store format 3 (written by Vintage 0.14) is read and appended to as it
    /// is: the batches a host writes stay without entropy-coded columns (chunk format version
    /// 2), so 0.14 hosts keep reading them; a log of format 4 takes them.
    @Test func aSharedLogOfFormatThreeGetsNoEntropyCodedBatches() throws {
        let url = try TestPostgres.database()
        let a = try Host(url)
        defer { a.v.remove() }
        #expect(try a.run(["append", "-"], stdin: #"{"type":"series","series":"walk","name":"Walk","unit":"index","frequency":"daily"}"#).status == 0)
        try TestPostgres.psql("UPDATE store_meta SET value = '3' WHERE key = 'format_version'", database: TestPostgres.name(of: url))
        let first = try a.run(["append", "-"], stdin: UpgradeFormatThreeCLITests.observations(series: "walk", from: 0, count: 3000))
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try UpgradeFormatThreeCLITests.chunkVersions(a.v) == [2])
        // A second host replicates the batches as they are and verifies them.
        let b = try Host(url)
        defer { b.v.remove() }
        #expect(try b.run(["verify"]).status == 0)
        #expect(try UpgradeFormatThreeCLITests.chunkVersions(b.v) == [2])

        try TestPostgres.psql("UPDATE store_meta SET value = '4' WHERE key = 'format_version'", database: TestPostgres.name(of: url))
        let second = try a.run(["append", "-"], stdin: UpgradeFormatThreeCLITests.observations(series: "walk", from: 3000, count: 3000))
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try UpgradeFormatThreeCLITests.chunkVersions(a.v).contains(3))
        #expect(try b.run(["query", "walk", "--format", "csv"]).stdout.split(separator: "\n").count == 6001)
    }
}
