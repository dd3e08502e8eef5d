import FluentKit
import Foundation
import NIOPosix

/// How a command treats migrations the database still needs.
public enum UpgradeMode: Sendable, Equatable {
    /// `serve` and `migrate`: apply them, on SQLite after a backup into `<data>/backups/`, on
    /// PostgreSQL only when the operator confirmed (`--yes`) after taking a pg_dump.
    case upgrade(confirmed: Bool)
    /// Every other command: a new, empty database is set up; one with data that still needs
    /// migrations is refused (`xiangcun migrate` upgrades it, with its backup).
    case setUpOnly
}

public enum UpgradeOutcome: Sendable, Equatable {
    case upToDate
    /// A new database: every migration applied.
    case created([String])
    /// A database with data: these migrations applied, after this backup (SQLite).
    case upgraded([String], backup: String?)
}

public enum UpgradeRefusal: Error, CustomStringConvertible, Equatable {
    case needsMigrate(pending: [String])
    case needsConfirmation(pending: [String], database: String)

    public var description: String {
        switch self {
        case .needsMigrate(let pending):
            return "the database needs \(pending.count) migration(s) (\(pending.joined(separator: ", "))); "
                + "run `xiangcun migrate` first (it backs the database up before migrating)"
        case .needsConfirmation(let pending, let database):
            return """
                the PostgreSQL database \(database) needs \(pending.count) migration(s): \(pending.joined(separator: ", ")).
                Nothing was changed. Back it up first, then confirm with --yes:
                  pg_dump -Fc -f xiangcun-before-upgrade-$(date +%Y%m%d%H%M).dump "$DATABASE_URL"
                  xiangcun migrate --yes
                (restore that dump, if ever needed, with pg_restore --clean -d "$DATABASE_URL" FILE.dump)
                """
        }
    }
}

/// A migration failed: the transaction was rolled back, the database is as it was.
public struct UpgradeFailure: Error, CustomStringConvertible {
    public let underlying: any Error
    public let backup: String?

    public var description: String {
        var text = "migration failed, nothing was changed (all pending migrations run in one transaction): \(underlying)"
        if let backup { text += "; the backup taken before it is \(backup)" }
        return text
    }
}

extension StorageSession {
    /// Brings the database up to this build's migrations as `mode` allows. `report` receives
    /// one line per step for the operator (what will be applied, where the backup went).
    public func upgrade(_ mode: UpgradeMode, migrations: [any Migration] = Storage.migrations,
                        report: (String) -> Void = { _ in }) async throws -> UpgradeOutcome {
        let status = try await migrationStatus(migrations)
        guard status.unknown.isEmpty else { throw MigrationError.newerDatabase(unknown: status.unknown) }
        guard !status.pending.isEmpty else {
            try await Storage.tuneSQLite(databases, on: MultiThreadedEventLoopGroup.singleton, logger: logger)
            return .upToDate
        }
        if status.isFresh {
            let applied = try await applyPendingMigrations(migrations)
            try await Storage.tuneSQLite(databases, on: MultiThreadedEventLoopGroup.singleton, logger: logger)
            return .created(applied)
        }
        guard case .upgrade(let confirmed) = mode else { throw UpgradeRefusal.needsMigrate(pending: status.pending) }
        report("migrations to apply (\(status.pending.count)): \(status.pending.joined(separator: ", "))")
        var backupPath: String?
        switch config {
        case .sqlite:
            let path = try await backup(reason: "before-migration")
            report("backup written to \(path)")
            backupPath = path
        case .postgres:
            guard confirmed else { throw UpgradeRefusal.needsConfirmation(pending: status.pending, database: config.safeDescription) }
        }
        let applied: [String]
        do { applied = try await applyPendingMigrations(migrations) }
        catch { throw UpgradeFailure(underlying: error, backup: backupPath) }
        try await Storage.tuneSQLite(databases, on: MultiThreadedEventLoopGroup.singleton, logger: logger)
        report("applied \(applied.count) migration(s)")
        return .upgraded(applied, backup: backupPath)
    }
}
