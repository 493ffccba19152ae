// swift-tools-version:6.1
// Selat — maritime sighting log, hotspot analysis and patrol planning for the Riau Islands.

import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]
// The geometry the sea router leans on is optimised in debug builds too, so `swift test` and a
// debug `selat` prepare the routing graph in seconds rather than minutes.
let optimised: [SwiftSetting] = strict + [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "Selat",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "selat", targets: ["selat"]),
        .library(name: "SelatKit", targets: ["SelatKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // SHA-256 for digests and the chain (already in the graph through postgres-nio).
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // Pure value types and math: coordinates, units, geodesy, time parsing.
        .target(name: "SelatGeo", dependencies: ["SelatWords"], swiftSettings: optimised),
        // GeoData/ as package resources: coastline, ports, bases, boundaries; land and shore queries.
        .target(name: "SelatGeoData", dependencies: ["SelatGeo"], path: "GeoData",
                exclude: ["README.md", "coastline.geojson"],
                sources: ["Swift"], resources: [.copy("coastline.bin"), .copy("ports.geojson"), .copy("bases.geojson"),
                                                .copy("boundaries.geojson"), .copy("lanes.geojson"),
                                                .copy("jurisdiction.geojson")],
                swiftSettings: optimised),
        // Extended attributes for OutputFile (not in Swift's Glibc module).
        .target(name: "CSelatSystem"),
        // Domain values: sightings, waypoints, routes; the one writer of output files.
        .target(name: "SelatModel", dependencies: ["SelatGeo", "SelatWords", "CSelatSystem", .product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: strict),
        // The database: SQLite through GRDB (the embedded default) or PostgreSQL/PostGIS through
        // PostgresNIO; migrations, records, spatial key, imports.
        .target(
            name: "SelatStore",
            dependencies: [
                "SelatModel", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strict),
        // Hotspot methods on plain arrays: hex binning, Gi* with FDR, DBSCAN, kernel density, trends.
        .target(name: "SelatAnalysis", dependencies: ["SelatModel"], swiftSettings: strict),
        // Sea routing round the coastline, distance matrices, patrol planning.
        .target(name: "SelatPlanning", dependencies: ["SelatModel", "SelatGeoData", "SelatWords"], swiftSettings: optimised),
        // File formats: CSV (RFC 4180), GeoJSON (RFC 7946).
        .target(name: "SelatFormats", dependencies: ["SelatModel"], swiftSettings: strict),
        // The message catalogue (English and Bahasa Indonesia) and the choice of language.
        .target(name: "SelatWords", resources: [.copy("Resources/messages.json")], swiftSettings: strict),
        // Use cases that join the modules below the command line.
        .target(name: "SelatKit", dependencies: ["SelatWords", "SelatStore", "SelatAnalysis", "SelatPlanning", "SelatFormats", "SelatModel", "SelatGeo", "SelatGeoData",
                                                 .product(name: "HummingbirdBcrypt", package: "hummingbird-auth")],
                swiftSettings: strict),
        // The station server (`selat serve`): HTTP API, sessions, the web app. A front end: no domain rules.
        .target(name: "SelatServer",
                dependencies: ["SelatKit", "SelatWords", .product(name: "Hummingbird", package: "hummingbird")],
                resources: [.copy("Web"), .copy("openapi.json")],
                swiftSettings: strict),
        // The command line.
        .executableTarget(
            name: "selat",
            dependencies: ["SelatKit", "SelatServer", "SelatGeoData", "SelatWords", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict),
        // Benchmarks (never run by `swift test`): `swift run -c release selat-bench --help`.
        .executableTarget(
            name: "selat-bench",
            dependencies: ["SelatKit", "SelatGeoData", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict),

        // Fuzzing (Tools/fuzz.sh): the properties each parser must keep, and one libFuzzer entry per parser.
        .target(name: "CLibFuzzer", path: "Fuzz/CLibFuzzer"),
        .target(name: "SelatFuzz", dependencies: ["SelatKit", "SelatFormats", "SelatGeo", "SelatGeoData", "CLibFuzzer"],
                swiftSettings: strict),
        .executableTarget(name: "fuzz-coordinate", dependencies: ["SelatFuzz"], path: "Fuzz/fuzz-coordinate",
                          swiftSettings: strict),
        .executableTarget(name: "fuzz-time", dependencies: ["SelatFuzz"], path: "Fuzz/fuzz-time", swiftSettings: strict),
        .executableTarget(name: "fuzz-csv", dependencies: ["SelatFuzz"], path: "Fuzz/fuzz-csv", swiftSettings: strict),
        .executableTarget(name: "fuzz-geojson", dependencies: ["SelatFuzz"], path: "Fuzz/fuzz-geojson", swiftSettings: strict),

        .target(name: "SelatTestSupport", dependencies: ["SelatGeo", "SelatModel", "SelatWords"], path: "Tests/SelatTestSupport",
                swiftSettings: strict),
        .testTarget(name: "SelatGeoTests", dependencies: ["SelatGeo", "SelatTestSupport"],
                    resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "SelatGeoDataTests", dependencies: ["SelatGeoData", "SelatTestSupport"],
                    resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "SelatModelTests", dependencies: ["SelatModel", "SelatTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "SelatAnalysisTests", dependencies: ["SelatAnalysis", "SelatTestSupport"],
                    resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "SelatPlanningTests", dependencies: ["SelatPlanning", "SelatTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "SelatFormatsTests", dependencies: ["SelatFormats", "SelatTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "SelatKitTests", dependencies: ["SelatKit", "SelatTestSupport"],
                    resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "SelatStoreTests", dependencies: ["SelatStore", "SelatKit", "SelatTestSupport"],
                    resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "SelatWordsTests", dependencies: ["SelatWords", "SelatKit", "SelatGeoData", "SelatTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "SelatFuzzTests", dependencies: ["SelatFuzz"], resources: [.copy("Fixtures")],
                    swiftSettings: strict),
        .testTarget(name: "SelatServerTests",
                    dependencies: ["SelatServer", "SelatTestSupport", "selat",
                                   .product(name: "HummingbirdTesting", package: "hummingbird")],
                    // The Selenium and schemathesis scripts, run from their source folder.
                    exclude: ["Browser"], swiftSettings: strict),
        .testTarget(name: "SelatCLITests", dependencies: ["selat", "SelatTestSupport", "SelatFormats"],
                    // The golden help pages are read (and rewritten) in the source folder.
                    exclude: ["Golden"], resources: [.copy("Fixtures")], swiftSettings: strict),
    ]
)
