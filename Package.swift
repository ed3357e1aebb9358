// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "supple",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "supple", targets: ["supple"]),
        // For the Benchmarks package, which measures the engine without the server stack.
        .library(name: "SuppleCore", targets: ["SuppleCore"]),
        .library(name: "SuppleContent", targets: ["SuppleContent"]),
        // For the roster import and coverage-check benchmarks.
        .library(name: "SuppleStore", targets: ["SuppleStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
    ],
    targets: [
        .target(name: "SuppleCore"),
        .target(
            name: "SuppleContent",
            dependencies: [
                "SuppleCore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Ink", package: "Ink"),
            ],
            exclude: ["FORMAT.md"],
            resources: [.copy("Resources")]
        ),
        .target(
            name: "SuppleStore",
            dependencies: [
                "SuppleCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "SuppleServer",
            dependencies: [
                "SuppleCore",
                "SuppleContent",
                "SuppleStore",
                // Only for the `any SQLDatabase` handle a transaction passes to repositories.
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Templates"), .copy("Public")]
        ),
        .executableTarget(
            name: "supple",
            dependencies: [
                "SuppleServer",
                "SuppleStore",
                "SuppleCore",
                "SuppleContent",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The engine's vignettes run against the real, shipped exercise library.
        .testTarget(name: "SuppleCoreTests", dependencies: ["SuppleCore", "SuppleContent"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SuppleContentTests", dependencies: ["SuppleContent"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SuppleStoreTests", dependencies: ["SuppleStore"]),
        .testTarget(
            name: "SuppleServerTests",
            dependencies: [
                "SuppleServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
