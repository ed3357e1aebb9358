// swift-tools-version:6.1
// Benchmarks live in their own package so that their build never slows the main one.
// Run: swift run -c release --package-path Benchmarks engine-benchmark (or figure-benchmark, roster-benchmark, durability-benchmark)
import PackageDescription

let package = Package(
    name: "supple-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "supple", path: ".."),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .executableTarget(
            name: "engine-benchmark",
            dependencies: [
                .product(name: "SuppleCore", package: "supple"),
                .product(name: "SuppleContent", package: "supple"),
            ],
            path: "Sources/EngineBenchmark"
        ),
        .executableTarget(
            name: "figure-benchmark",
            dependencies: [
                .product(name: "SuppleCore", package: "supple"),
                .product(name: "SuppleContent", package: "supple"),
            ],
            path: "Sources/FigureBenchmark"
        ),
        .executableTarget(name: "roster-generator", path: "Sources/RosterGenerator"),
        .executableTarget(
            name: "durability-benchmark",
            dependencies: [
                .product(name: "SuppleStore", package: "supple"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/DurabilityBenchmark"
        ),
        .executableTarget(
            name: "roster-benchmark",
            dependencies: [
                .product(name: "SuppleCore", package: "supple"),
                .product(name: "SuppleStore", package: "supple"),
            ],
            path: "Sources/RosterBenchmark"
        ),
    ]
)
