import FluentKit
import Foundation
import Logging
import NIOCore
import NIOPosix

/// The database opened on its own, without the web application: for CLI commands and tests of
/// the capability modules. Close it with `close()` (or use `StorageSession.with`).
public final class StorageSession: Sendable {
    public let databases: Databases
    public let config: DatabaseConfig
    /// The default database.
    public let db: any Database
    let logger: Logger
    let eventLoop: any EventLoop

    public init(_ config: DatabaseConfig, logger: Logger = Logger(label: "xiangcun.storage")) throws {
        self.config = config
        self.logger = logger
        databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
        eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        try Storage.use(config, on: databases)
        guard let db = databases.database(logger: logger, on: eventLoop) else { throw StorageError.closed }
        self.db = db
    }

    var migrator: Migrator {
        let list = Migrations()
        Storage.register(on: list)
        return Migrator(databases: databases, migrations: list, logger: logger, on: eventLoop, migrationLogLevel: .debug)
    }

    /// Applies every migration not yet applied (all in one transaction), then tunes SQLite.
    /// Takes no backup: commands that upgrade a database with data in it go through `upgrade`.
    public func migrate() async throws {
        try await applyPendingMigrations()
        try await Storage.tuneSQLite(databases, on: MultiThreadedEventLoopGroup.singleton, logger: logger)
    }

    /// Reverts every applied migration (erases the data).
    public func revertAll() async throws {
        try await migrator.setupIfNeeded().flatMap { [migrator] in migrator.revertAllBatches() }.get()
    }

    public func close() async {
        await databases.shutdownAsync()
    }

    /// Opens storage, runs `body`, and closes it whatever happens.
    public static func with<T>(_ config: DatabaseConfig, migrate: Bool = true, _ body: (StorageSession) async throws -> T) async throws -> T {
        let session = try StorageSession(config)
        do {
            if migrate { try await session.migrate() }
            let result = try await body(session)
            await session.close()
            return result
        } catch {
            await session.close()
            throw error
        }
    }
}
