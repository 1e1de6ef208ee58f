// swift-tools-version: 6.1
import PackageDescription

// Benchmarks live in their own package so the main build stays lean.
//
// ordo-one/benchmark suites (Benchmarks/<Suite>/; nothing is gated on wall-clock thresholds):
//   swift package --package-path Benchmarks benchmark                       # every suite
//   swift package --package-path Benchmarks benchmark --target Columnar     # one suite
// Plain figure tools (print README tables):
//   swift run -c release --package-path Benchmarks columnar-figures (or batch-figures, parse-figures, projection-figures, replay-figures, sha-figures)
let package = Package(
    name: "VintageBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        // Named explicitly: SwiftPM would otherwise name a path dependency after its folder.
        .package(name: "Vintage", path: "../"),
        // Resolves on this machine only with the MallocInterposer trait named (see DESIGN.md).
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Shared by the figure tools and the suites: a timing loop, datasets, and (from the tests'
        // support) a seeded generator and an in-memory log.
        .target(name: "BenchmarkSupport", dependencies: [.product(name: "_VintageTestSupport", package: "Vintage")], path: "Sources/BenchmarkSupport"),
        .executableTarget(
            name: "columnar-figures",
            dependencies: ["BenchmarkSupport", .product(name: "VintageColumnar", package: "Vintage")],
            path: "Sources/columnar-figures"
        ),
        .executableTarget(
            name: "batch-figures",
            dependencies: [.product(name: "VintageBatch", package: "Vintage")],
            path: "Sources/batch-figures"
        ),
        .executableTarget(
            name: "parse-figures",
            dependencies: [.product(name: "Vintage", package: "Vintage")],
            path: "Sources/parse-figures"
        ),
        .executableTarget(
            name: "projection-figures",
            dependencies: ["BenchmarkSupport", .product(name: "_VintageProjection", package: "Vintage")],
            path: "Sources/projection-figures"
        ),
        .executableTarget(
            name: "analytics-figures",
            dependencies: ["BenchmarkSupport", .product(name: "VintageQuery", package: "Vintage"),
                           .product(name: "_VintageProjection", package: "Vintage")],
            path: "Sources/analytics-figures"
        ),
        .executableTarget(
            name: "scan-figures",
            dependencies: ["BenchmarkSupport", .product(name: "VintageQuery", package: "Vintage"),
                           .product(name: "_VintageProjection", package: "Vintage")],
            path: "Sources/scan-figures"
        ),
        .executableTarget(
            name: "sha-figures",
            dependencies: [.product(name: "Vintage", package: "Vintage")],
            path: "Sources/sha-figures"
        ),
        .executableTarget(
            name: "replay-figures",
            dependencies: [.product(name: "Vintage", package: "Vintage"), .product(name: "_VintageProjection", package: "Vintage")],
            path: "Sources/replay-figures"
        ),
        // ordo-one/benchmark suites: chunk encode/decode per encoding.
        .executableTarget(
            name: "Columnar",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "VintageColumnar", package: "Vintage"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Columnar",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Append, replay and the query set in process, through the library (`Store`).
        .executableTarget(
            name: "Store",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Vintage", package: "Vintage"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Store",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
