// swift-tools-version:6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Xiangcun",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "xiangcun", targets: ["xiangcun"]),
        // The file readers alone, for the fuzz targets in Fuzz/ (see docs/proof.md).
        .library(name: "XiangcunReaders", targets: ["Documents", "ProgrammeCore", "Routing", "TraceCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    // Each target lists exactly the modules its files import: ./scripts/check-deps checks it.
    targets: [
        // Pure value types shared by every module (no I/O).
        .target(name: "XiangcunKit", swiftSettings: swiftSettings),
        // Pure: CSV / XLSX / DOCX / SVG writers and readers.
        .target(name: "Documents", dependencies: [
            "XiangcunKit",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], swiftSettings: swiftSettings),
        // Pure: the programme as values, its computations, plan workbooks and reports.
        .target(name: "ProgrammeCore", dependencies: ["XiangcunKit", "Documents"], resources: [.copy("Demo")], swiftSettings: swiftSettings),
        // Pure: the service network as values: facility types, coverage and reporting rules, map, ledger layouts.
        .target(name: "NetworkCore", dependencies: ["XiangcunKit", "Documents"], swiftSettings: swiftSettings),
        // Pure: traceability values — GTIN, GS1 Digital Link, EPCIS 2.0 events, safety-interval and brand rules, label sheets.
        .target(name: "TraceCore", dependencies: ["XiangcunKit", "Documents"], swiftSettings: swiftSettings),
        // Pure: people and commerce as values: training counting rules, conversion, sign-in sheets, tiers, ledgers.
        .target(name: "CommerceCore", dependencies: ["XiangcunKit", "Documents", "NetworkCore"], swiftSettings: swiftSettings),
        // Pure: logistics as values: carriers and waybill patterns, scan kinds, parcel checks, sorting, service levels.
        .target(name: "LogisticsCore", dependencies: ["XiangcunKit", "NetworkCore"], swiftSettings: swiftSettings),
        // Pure: vehicle-routing solver.
        .target(name: "Routing", swiftSettings: swiftSettings),
        // Pure: two-tier daily dispatch on the routing engine, fixed-route comparison, route map, imports.
        .target(name: "DispatchCore", dependencies: ["XiangcunKit", "Documents", "NetworkCore", "Routing"], swiftSettings: swiftSettings),
        // Capability modules: Fluent models, migrations and services. No Vapor.
        .target(name: "Audit", dependencies: [
            .product(name: "FluentKit", package: "fluent-kit"),
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),
        // Data/ holds the demo county's list and the national NBS lists (one ZIP, read with ZIPFoundation).
        .target(name: "Divisions", dependencies: [
            "XiangcunKit", "Audit", "Documents",
            .product(name: "FluentKit", package: "fluent-kit"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], resources: [.copy("Data")], swiftSettings: swiftSettings),
        .target(name: "Accounts", dependencies: [
            "XiangcunKit", "Audit", "Divisions",
            .product(name: "FluentKit", package: "fluent-kit"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: swiftSettings),
        .target(name: "Programme", dependencies: [
            "XiangcunKit", "Audit", "Accounts", "ProgrammeCore",
            .product(name: "FluentKit", package: "fluent-kit"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: swiftSettings),
        // The county–township–village service network: facilities, services, operating records, coverage.
        .target(name: "ServiceNetwork", dependencies: [
            "XiangcunKit", "Audit", "Divisions", "Accounts", "Documents", "NetworkCore",
            .product(name: "FluentKit", package: "fluent-kit"),
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: swiftSettings),
        // Farm products and traceability: producers, catalogue, brands, batches, EPCIS events, recall (docs/trace.md).
        .target(name: "Trace", dependencies: [
            "XiangcunKit", "Audit", "Documents", "TraceCore",
            .product(name: "FluentKit", package: "fluent-kit"),
            .product(name: "SQLKit", package: "sql-kit"),
            // The recall's rows decoded by position on PostgreSQL (RecallQuery+Columns.swift).
            .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
        ], swiftSettings: swiftSettings),
        // People and commerce: training, live commerce, e-commerce villages and park, assistance, publicity (docs/commerce.md).
        .target(name: "Commerce", dependencies: [
            "XiangcunKit", "Audit", "Divisions", "Accounts", "NetworkCore", "ServiceNetwork", "CommerceCore",
            .product(name: "FluentKit", package: "fluent-kit"),
            .product(name: "SQLKit", package: "sql-kit"),
        ], swiftSettings: swiftSettings),
        // Dispatch (线路规划; not "Dispatch": that is libdispatch's module): vehicles, fixed routes, distances, stored plans, driver marks.
        .target(name: "CountyDispatch", dependencies: [
            "XiangcunKit", "Audit", "Accounts", "ServiceNetwork", "NetworkCore", "DispatchCore", "Logistics",
            .product(name: "FluentKit", package: "fluent-kit"),
        ], swiftSettings: swiftSettings),
        // County co-delivery logistics: carriers, parcels, scans, sorting, pick-up codes, daily rollup (docs/logistics.md).
        .target(name: "Logistics", dependencies: [
            "XiangcunKit", "Audit", "Divisions", "ServiceNetwork", "NetworkCore", "LogisticsCore", "Documents",
            .product(name: "FluentKit", package: "fluent-kit"),
            .product(name: "FluentSQL", package: "fluent-kit"),
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
            .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            .product(name: "NIOCore", package: "swift-nio"),
        ], swiftSettings: swiftSettings),
        // Pure: statistics as values — indicator declarations and arithmetic, growth, plausibility, pivots, charts.
        .target(name: "StatisticsCore", dependencies: ["XiangcunKit", "Documents"], swiftSettings: swiftSettings),
        // Statistics: county versions and the figure cache, online retail figures, rollups, targets, the check.
        .target(name: "Statistics", dependencies: [
            "XiangcunKit", "Audit", "StatisticsCore", "Trace", "Logistics",
            .product(name: "FluentKit", package: "fluent-kit"),
            .product(name: "SQLKit", package: "sql-kit"),
        ], swiftSettings: swiftSettings),
        // Database engines, the migration list, backup.
        .target(name: "Storage", dependencies: [
            "Audit", "Divisions", "Accounts", "Programme", "ServiceNetwork", "Trace", "Commerce", "CountyDispatch", "Logistics", "Statistics",
            .product(name: "FluentKit", package: "fluent-kit"),
            .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
            .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),
        // Joins capabilities for the web app and the CLI alike: the programme as read with live
        // indicators from the network, the demo county, bcrypt. Starts no web application.
        .target(name: "Composition", dependencies: [
            "XiangcunKit", "Audit", "Divisions", "Accounts", "Programme", "ProgrammeCore", "ServiceNetwork", "Trace", "Commerce", "CountyDispatch", "NetworkCore", "Statistics", "StatisticsCore", "Logistics",
            .product(name: "FluentKit", package: "fluent-kit"),
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "Vapor", package: "vapor"),
        ], swiftSettings: swiftSettings),
        // The Vapor application: routes, middleware, pages, JSON API.
        .target(name: "Web", dependencies: [
            "XiangcunKit", "Documents", "Audit", "Divisions", "Accounts", "Storage", "Programme", "ProgrammeCore", "ServiceNetwork", "NetworkCore", "Composition", "Trace", "TraceCore", "Commerce", "CommerceCore", "CountyDispatch", "DispatchCore", "Logistics", "LogisticsCore", "Statistics", "StatisticsCore",
            .product(name: "Vapor", package: "vapor"),
            .product(name: "Fluent", package: "fluent"),
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),
        .target(name: "XiangcunCLI", dependencies: [
            "XiangcunKit", "Audit", "Divisions", "Accounts", "Programme", "ProgrammeCore", "ServiceNetwork", "Storage", "Routing", "Web", "Composition", "NetworkCore", "Trace", "TraceCore", "Commerce", "CommerceCore", "CountyDispatch", "DispatchCore", "Documents", "Statistics", "StatisticsCore", "Logistics", "LogisticsCore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "Vapor", package: "vapor"),
            .product(name: "FluentKit", package: "fluent-kit"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ], swiftSettings: swiftSettings),
        .executableTarget(name: "xiangcun", dependencies: ["XiangcunCLI"], swiftSettings: swiftSettings),

        .testTarget(name: "XiangcunKitTests", dependencies: ["XiangcunKit"]),
        .testTarget(name: "DocumentsTests", dependencies: ["Documents", "XiangcunKit"], resources: [.copy("Crashers")]),
        .testTarget(name: "RoutingTests", dependencies: ["Routing"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ProgrammeCoreTests", dependencies: ["ProgrammeCore", "Documents", "XiangcunKit"]),
        .testTarget(name: "NetworkCoreTests", dependencies: ["NetworkCore", "XiangcunKit"]),
        .testTarget(name: "TraceTests", dependencies: ["TraceCore", "Trace", "XiangcunKit", "TestDatabases", "Storage", "Audit",
                                                      .product(name: "FluentKit", package: "fluent-kit"), .product(name: "SQLKit", package: "sql-kit")]),
        .testTarget(name: "CommerceCoreTests", dependencies: ["CommerceCore", "NetworkCore", "XiangcunKit"]),
        .testTarget(name: "DispatchCoreTests", dependencies: ["DispatchCore", "NetworkCore", "XiangcunKit"]),
        .testTarget(name: "LogisticsCoreTests", dependencies: ["LogisticsCore", "XiangcunKit"]),
        // Test support: the engines and a fresh database per test (not shipped).
        .target(name: "TestDatabases", dependencies: [
            "Storage",
            .product(name: "SQLKit", package: "sql-kit"),
        ], path: "Tests/TestDatabases", swiftSettings: swiftSettings),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "TestDatabases",
                                                        .product(name: "FluentKit", package: "fluent-kit"), .product(name: "SQLKit", package: "sql-kit")]),
        .testTarget(name: "AccountsTests", dependencies: ["Accounts", "Audit", "Divisions", "XiangcunKit", "TestDatabases",
                                                         .product(name: "FluentKit", package: "fluent-kit")]),
        .testTarget(name: "AuditTests", dependencies: ["Audit", "TestDatabases",
                                                      .product(name: "FluentKit", package: "fluent-kit"), .product(name: "SQLKit", package: "sql-kit")]),
        .testTarget(name: "DivisionsTests", dependencies: ["Divisions", "XiangcunKit", "TestDatabases", .product(name: "FluentKit", package: "fluent-kit")]),
        .testTarget(name: "ProgrammeStoreTests", dependencies: ["Programme", "ProgrammeCore", "Divisions", "XiangcunKit", "TestDatabases",
                                                              .product(name: "FluentKit", package: "fluent-kit")]),
        .testTarget(name: "CommerceTests", dependencies: ["Commerce", "CommerceCore", "NetworkCore", "ServiceNetwork", "Audit", "Divisions", "XiangcunKit", "TestDatabases",
                                                         .product(name: "FluentKit", package: "fluent-kit")]),
        .testTarget(name: "LogisticsTests", dependencies: ["Logistics", "LogisticsCore", "ServiceNetwork", "Divisions", "Audit", "XiangcunKit", "TestDatabases",
                                                         .product(name: "FluentKit", package: "fluent-kit"), .product(name: "SQLKit", package: "sql-kit"),
                                                         .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                                                         .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "StatisticsTests", dependencies: [
            "Accounts", "Audit", "Commerce", "Composition", "Divisions", "Documents", "Logistics", "NetworkCore", "ServiceNetwork", "Statistics", "StatisticsCore",
            "TestDatabases", "XiangcunKit",
            .product(name: "FluentKit", package: "fluent-kit"), .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "AppTests", dependencies: [
            "XiangcunKit", "Documents", "Audit", "Divisions", "Accounts", "Programme", "ProgrammeCore", "ServiceNetwork",
            "Storage", "Web", "XiangcunCLI", "Composition", "TestDatabases", "NetworkCore", "Trace", "TraceCore", "Commerce", "CommerceCore", "CountyDispatch", "DispatchCore", "Statistics", "StatisticsCore", "Logistics", "LogisticsCore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Vapor", package: "vapor"),
            .product(name: "VaporTesting", package: "vapor"),
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "FluentKit", package: "fluent-kit"),
        ], exclude: ["Matrix/authorization-matrix.txt"]),
    ]
)
