// swift-tools-version: 6.1
import PackageDescription

// Benchmarks live in their own package so the main build stays lean.
// Run: swift run -c release --package-path Benchmarks columnar-figures (or parse-figures)
let package = Package(
    name: "VintageBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        // Named explicitly: SwiftPM would otherwise name a path dependency after its folder.
        .package(name: "Vintage", path: "../"),
    ],
    targets: [
        // Shared by the figure tools: a seeded generator and a timing loop.
        .target(name: "BenchmarkSupport", path: "Sources/BenchmarkSupport"),
        .executableTarget(
            name: "columnar-figures",
            dependencies: ["BenchmarkSupport", .product(name: "VintageColumnar", package: "Vintage")],
            path: "Sources/columnar-figures"
        ),
        .executableTarget(
            name: "parse-figures",
            dependencies: [.product(name: "Vintage", package: "Vintage")],
            path: "Sources/parse-figures"
        ),
        .executableTarget(
            name: "projection-figures",
            dependencies: ["BenchmarkSupport", .product(name: "VintageProjection", package: "Vintage")],
            path: "Sources/projection-figures"
        ),
        .executableTarget(
            name: "analytics-figures",
            dependencies: ["BenchmarkSupport", .product(name: "VintageQuery", package: "Vintage"),
                           .product(name: "VintageProjection", package: "Vintage")],
            path: "Sources/analytics-figures"
        ),
        .executableTarget(
            name: "scan-figures",
            dependencies: ["BenchmarkSupport", .product(name: "VintageQuery", package: "Vintage"),
                           .product(name: "VintageProjection", package: "Vintage")],
            path: "Sources/scan-figures"
        ),
        .executableTarget(
            name: "replay-figures",
            dependencies: [.product(name: "Vintage", package: "Vintage"), .product(name: "VintageProjection", package: "Vintage")],
            path: "Sources/replay-figures"
        ),
    ],
    swiftLanguageModes: [.v6]
)
