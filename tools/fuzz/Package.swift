// swift-tools-version: 6.1
import PackageDescription

// The libFuzzer target for the chunk decoder. Build and run with ./run.sh (see there).
let package = Package(
    name: "VintageFuzz",
    dependencies: [
        // Named explicitly: SwiftPM would otherwise name a path dependency after its folder.
        .package(name: "Vintage", path: "../.."),
    ],
    targets: [
        // Header-only: declares libFuzzer's LLVMFuzzerRunDriver (SwiftPM's own main hides libFuzzer's).
        .systemLibrary(name: "CFuzzer", path: "Sources/CFuzzer"),
        .executableTarget(
            name: "chunk-decoder-fuzzer",
            dependencies: ["CFuzzer", .product(name: "VintageColumnar", package: "Vintage")],
            path: "Sources/chunk-decoder-fuzzer"
        ),
    ],
    swiftLanguageModes: [.v6]
)
