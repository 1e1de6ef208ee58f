// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Vintage",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Vintage", targets: ["Vintage"]),
        // The chunk format on its own, for the benchmarks and the fuzzer in tools/fuzz.
        .library(name: "VintageColumnar", targets: ["VintageColumnar"]),
        // The log's record batches on their own, for the benchmark package.
        .library(name: "VintageBatch", targets: ["VintageBatch"]),
        // The projection's layers on their own (files, folds, projection), for the benchmark package.
        // Underscored: not part of the library's API, which is `Vintage`.
        .library(name: "_VintageProjection", targets: ["VintageFiles", "VintageFolds", "VintageProjection"]),
        // The analytics on their own, for the benchmark package.
        .library(name: "VintageQuery", targets: ["VintageQuery"]),
        // Charts: the model with its terminal and SVG renderers, and charts of a store's series.
        .library(name: "VintageChart", targets: ["VintageChart", "VintageStoreChart"]),
        // What the tests share (a seeded generator, an in-memory log, the reference model), for the benchmark package.
        .library(name: "_VintageTestSupport", targets: ["VintageTestSupport"]),
        .executable(name: "vintage", targets: ["VintageMain"]),
        // The command line with stores on a shared log in PostgreSQL; `vintage` runs it for them.
        .executable(name: "vintage-postgres", targets: ["VintagePostgresMain"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // System libraries, wrapped once each.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLZ4", pkgConfig: "liblz4", providers: [.apt(["liblz4-dev"])]),
        // glibc's allocator settings (malloc.h), for the command-line tool.
        .systemLibrary(name: "CMalloc"),

        // The SHA-256 block function on the CPU's SHA instructions (x86-64 SHA-NI), detected at run time.
        .target(name: "CSHA256"),
        // CRC-32C on the CPU's CRC32 instruction (x86-64 SSE4.2), detected at run time.
        .target(name: "CCRC32C"),
        // The file system calls, made in one place: FileDescriptor (open, read, write, fsync, flock, ...)
        // with its path operations (stat, mkdir, link, rename, ...), Errno, FileStatus.
        .target(name: "VintageSystem"),
        // Value types and the NDJSON event codec. No I/O.
        .target(name: "VintageCore", dependencies: ["CSHA256"]),
        // The SQLite C API wrapped once: a connection, prepared statements, typed errors. Knows nothing of events.
        .target(name: "VintageSQLite", dependencies: ["CSQLite"]),
        // The append-only event log on SQLite.
        .target(name: "VintageLog", dependencies: ["VintageCore", "VintageSystem", "VintageBatch", "VintageColumnar", "VintageSQLite", "CSQLite"]),
        // `vintage upgrade`: an older log converted to the current format beside it, checked, swapped in.
        .target(name: "VintageLogUpgrade", dependencies: ["VintageCore", "VintageLog", "VintageSQLite", "VintageSystem"]),
        // Integers as bits: fixed-width bit packing and canonical, length-limited Huffman codes.
        .target(name: "VintageBits"),
        // The compressed columnar chunk format. Bytes in, bytes out.
        .target(name: "VintageColumnar", dependencies: ["VintageBits", "CLZ4", "CCRC32C"], exclude: ["FORMAT.md"]),
        // The log's record batches: events in, bytes out and back, exactly. Knows nothing of SQLite.
        .target(name: "VintageBatch", dependencies: ["VintageCore", "VintageColumnar"]),
        // The projection's durable files: the directory, chunk and segment files, the manifest, snapshots.
        .target(name: "VintageFiles", dependencies: ["VintageCore", "VintageColumnar", "VintageSystem"]),
        // The folds: events into per-series vintage rows (with the correction overlay), the row and
        // point types they produce, the catalog, the announcement timeline, and the log-reader seam.
        .target(name: "VintageFolds", dependencies: ["VintageCore", "VintageFiles"]),
        // The projection proper: apply, rebuild, compaction, series chunks, scans and point queries.
        .target(name: "VintageProjection", dependencies: ["VintageCore", "VintageColumnar", "VintageSystem", "VintageFiles", "VintageFolds"]),
        // Analytics over the projection's points: aggregates, calendar buckets, fill, group-by, transforms.
        .target(name: "VintageQuery", dependencies: ["VintageCore", "VintageFolds", "VintageProjection"]),
        // The library product: a store tying the layers together.
        .target(name: "Vintage", dependencies: ["VintageCore", "VintageSystem", "VintageBatch", "VintageLog", "VintageLogUpgrade", "VintageFiles", "VintageFolds", "VintageProjection", "VintageQuery"]),
        // The log shared by many hosts in PostgreSQL, each host keeping a local replica and projection.
        .target(name: "VintagePostgres", dependencies: ["Vintage", "VintageLog", .product(name: "PostgresNIO", package: "postgres-nio")]),
        // Import and export in the formats official statistics come in: ALFRED/FRED, SDMX-CSV, plain CSV.
        .target(name: "VintageInterchange", dependencies: ["Vintage", "VintageFolds", "VintageSystem"]),
        // The chart model and its terminal (braille) and SVG renderers. Knows nothing of the store.
        .target(name: "VintageChart", dependencies: ["VintageCore"]),
        // Charts of a store's series: vintages, revision fans and announcements as a `Chart`.
        .target(name: "VintageStoreChart", dependencies: ["Vintage", "VintageChart", "VintageFolds"]),
        // The `vintage` command line, as a library both executables run.
        .target(name: "VintageCLI", dependencies: ["Vintage", "VintageInterchange", "VintageStoreChart", "VintageSystem", "CMalloc", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // What `vintage-postgres` adds to the command line: stores on a shared log in PostgreSQL.
        .target(name: "VintagePostgresCLI", dependencies: ["VintageCLI", "VintagePostgres"]),
        // `vintage`: no PostgreSQL client linked (SwiftNIO and Foundation would slow every start-up).
        .executableTarget(name: "VintageMain", dependencies: ["VintageCLI"]),
        // `vintage-postgres`.
        .executableTarget(name: "VintagePostgresMain", dependencies: ["VintageCLI", "VintagePostgresCLI"]),

        // What the test targets share: a seeded generator, event generators and spellings, an
        // in-memory log, scratch directories, the reference model of SPEC.md's rules, the
        // exact-decimal reference.
        .target(name: "VintageTestSupport", dependencies: ["VintageCore", "VintageFolds", "VintageProjection", .product(name: "PropertyBased", package: "swift-property-based")], path: "Tests/VintageTestSupport"),
        // swift-crypto only checks VintageCore's own SHA-256 (it imports Foundation on Linux).
        .testTarget(name: "VintageCoreTests", dependencies: ["VintageCore", "VintageTestSupport", .product(name: "Crypto", package: "swift-crypto"), .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "VintageSystemTests", dependencies: ["VintageSystem", "VintageTestSupport"]),
        .testTarget(name: "VintageLogTests", dependencies: ["VintageLog", "VintageLogUpgrade", "VintageBatch", "VintageSQLite", "CSQLite", "VintageTestSupport", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "VintageProjectionTests", dependencies: ["VintageFiles", "VintageFolds", "VintageProjection", "VintageTestSupport", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "VintageColumnarTests", dependencies: ["VintageBits", "VintageColumnar", "VintageTestSupport", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "VintageBatchTests", dependencies: ["VintageBatch", "VintageTestSupport", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "VintageQueryTests", dependencies: ["VintageFolds", "VintageProjection", "VintageQuery", "VintageTestSupport", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "VintageTests", dependencies: ["Vintage", "VintageLog", "VintageFiles", "VintageProjection", "VintageTestSupport", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "VintageInterchangeTests", dependencies: ["VintageInterchange", "VintageTestSupport", .product(name: "PropertyBased", package: "swift-property-based")], exclude: ["Fixtures"]),
        .testTarget(name: "VintageChartTests", dependencies: ["VintageChart", "VintageStoreChart"], exclude: ["Golden"]),
        .testTarget(name: "VintagePostgresTests", dependencies: ["VintagePostgres"]),
        .testTarget(name: "VintageCLITests", dependencies: ["VintageCLI", "CSQLite", "VintageTestSupport"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
