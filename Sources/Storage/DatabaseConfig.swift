import Accounts
import Audit
import Commerce
import CountyDispatch
import Divisions
import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Logistics
import ServiceNetwork
import Trace
import Statistics
import Programme
import Foundation
import Logging
import NIOCore
import SQLKit

/// Where the data lives: an embedded SQLite file (default) or a PostgreSQL server.
public enum DatabaseConfig: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(url: String)

    /// `DATABASE_URL` wins; otherwise `<dataDir>/xiangcun.sqlite`.
    public static func resolve(dataDir: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> DatabaseConfig {
        if let url = environment["DATABASE_URL"], !url.isEmpty { return .postgres(url: url) }
        return .sqlite(path: URL(fileURLWithPath: dataDir).appendingPathComponent("xiangcun.sqlite").path)
    }

    /// A description safe for logs (no password).
    public var safeDescription: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let url):
            guard var parts = URLComponents(string: url) else { return "postgresql" }
            parts.password = parts.password == nil ? nil : "***"
            return parts.string ?? "postgresql"
        }
    }
}

public enum StorageError: Error, CustomStringConvertible {
    case cannotCreateDataDir(String, String)
    case badDatabaseURL
    case backupUnsupported
    case backupTargetExists(String)
    case badRetention(Int)
    case closed

    public var description: String {
        switch self {
        case .cannotCreateDataDir(let dir, let why): return "cannot create data directory \(dir): \(why)"
        case .badDatabaseURL: return "DATABASE_URL is not a valid postgres:// URL"
        case .backupUnsupported: return "PostgreSQL is backed up with pg_dump, not xiangcun: pg_dump -Fc -f xiangcun.dump \"$DATABASE_URL\" (see docs/operations.md)"
        case .backupTargetExists(let path): return "backup target \(path) already exists"
        case .badRetention(let days): return "cannot keep backups for \(days) days: give 1 or more"
        case .closed: return "the database was closed"
        }
    }
}

public enum Storage {
    /// Registers the database with Fluent as the default.
    public static func use(_ config: DatabaseConfig, on databases: Databases) throws {
        switch config {
        case .sqlite(let path):
            let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            catch { throw StorageError.cannotCreateDataDir(dir, error.localizedDescription) }
            let file = DatabaseConfigurationFactory.sqlite(.file(path), connectionPoolTimeout: Self.connectionWait, sqlLogLevel: nil)
            databases.use(SQLiteWithWriter(readers: file.make()), as: .sqlite, isDefault: true)
            databases.use(file, as: SQLiteWithWriter.writerID, isDefault: false)
        case .postgres(let url):
            guard var configuration = try? SQLPostgresConfiguration(url: url) else { throw StorageError.badDatabaseURL }
            // No JIT compilation. PostgreSQL starts it from a query's cost estimate, and our
            // queries are short: on a recall of 10,000 items it spent 60 ms compiling for a
            // query that runs in 40 ms.
            configuration.coreConfiguration.options.additionalStartupParameters = [("jit", "off")]
            databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: 4, connectionPoolTimeout: Self.connectionWait,
                                    encodingContext: .default, decodingContext: .default, sqlLogLevel: .trace), as: .psql)
        }
    }

    /// How long a request waits for a free connection before it fails. SQLite has one connection
    /// per event loop, so a long write (an import, the demo generator) makes the others wait;
    /// Fluent's 10 s default failed requests on a busy 2-core machine.
    static let connectionWait: TimeAmount = .seconds(60)

    /// Every migration, in order. Each is reversible; the same list runs on both engines.
    public static let migrations: [any Migration] = [
        CreateAuditEntries(),
        CreateDivisions(),
        CreateUsers(),
        CreateSessionsAndTokens(),
        CreateProgrammeTables(),
        CreateNetwork(),
        CreateReviewSettings(),
        CreateLoginFailures(),
        CreateTrace(),
        CreateCommerce(),
        CreateDispatch(),
        CreateLogistics(),
        CreateStatistics(),
        PartitionScansByCounty(),
        WatchCommerceLedgers(),
        WatchTraceTables(),
        CreateScanDays(),
        CreateStationDays(),
        IndexWaitingParcels(),
        WatchSortingTables(),
    ]

    public static func register(on list: Migrations) {
        for migration in migrations { list.add(migration) }
    }

    /// SQLite: write-ahead log (readers never block the writer), and on each event loop's
    /// connection (Fluent opens one per loop and keeps it) and the writing one the per-connection
    /// settings.
    /// Foreign keys are switched on per connection by the driver.
    public static func tuneSQLite(_ databases: Databases, on group: any EventLoopGroup, logger: Logger) async throws {
        guard let db = databases.database(logger: logger, on: group.any()), let first = db as? any SQLDatabase, first.dialect.name == "sqlite" else { return }
        try await first.raw("PRAGMA journal_mode=WAL").run()
        var connections = group.makeIterator().compactMap { databases.database(logger: logger, on: $0) }
        if let writer = (db.context.configuration as? SQLiteWithWriter)?.writer(logger: logger) { connections.append(writer) }
        for case let sql as any SQLDatabase in connections {
            for pragma in SQLiteSettings.perConnection { try await sql.raw(SQLQueryString(pragma)).run() }
        }
    }
}
