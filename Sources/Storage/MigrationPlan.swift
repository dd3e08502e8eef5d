import FluentKit
import Foundation
import SQLKit

/// Which migrations a database has and which it still needs, read from Fluent's
/// `_fluent_migrations` table.
public struct MigrationStatus: Sendable, Equatable {
    /// Names of the migrations the database records as applied, in the order they were applied.
    public let applied: [String]
    /// Names of the migrations of this build the database does not have yet, in the order they run.
    public let pending: [String]
    /// Applied migrations this build does not know: the database was migrated by a newer version.
    public let unknown: [String]

    /// Nothing applied yet: a new database, with nothing in it to lose.
    public var isFresh: Bool { applied.isEmpty }
    public var isCurrent: Bool { pending.isEmpty && unknown.isEmpty }
}

public enum MigrationError: Error, CustomStringConvertible, Equatable {
    /// The database was migrated by a newer xiangcun (a downgrade): running would misread it.
    case newerDatabase(unknown: [String])

    public var description: String {
        switch self {
        case .newerDatabase(let unknown):
            return "the database was migrated by a newer version of xiangcun (it has migrations this version does not know: "
                + unknown.joined(separator: ", ")
                + "); install that version again, or restore a backup made before the upgrade"
        }
    }
}

extension StorageSession {
    /// The migration status of the database against `migrations` (default: this build's list).
    public func migrationStatus(_ migrations: [any Migration] = Storage.migrations) async throws -> MigrationStatus {
        var applied: [String] = []
        if try await Storage.tableExists(MigrationLog.schema, on: db) {
            applied = try await MigrationLog.query(on: db).sort(\.$batch).sort(\.$createdAt).all().map(\.name)
        }
        let known = Set(migrations.map(\.name))
        let done = Set(applied)
        return MigrationStatus(applied: applied,
                               pending: migrations.map(\.name).filter { !done.contains($0) },
                               unknown: applied.filter { !known.contains($0) })
    }

    /// Applies every pending migration of `migrations` in one transaction: either all of them
    /// are applied and recorded, or the database is left exactly as it was. Returns the names
    /// applied. Refuses a database migrated by a newer version.
    @discardableResult
    public func applyPendingMigrations(_ migrations: [any Migration] = Storage.migrations) async throws -> [String] {
        let status = try await migrationStatus(migrations)
        guard status.unknown.isEmpty else { throw MigrationError.newerDatabase(unknown: status.unknown) }
        let pending = migrations.filter { status.pending.contains($0.name) }
        guard !pending.isEmpty else { return [] }
        try await db.transaction { tx in
            // Fluent's own bookkeeping table, created inside the same transaction on a new database.
            if status.isFresh, !(try await Storage.tableExists(MigrationLog.schema, on: tx)) {
                try await MigrationLog.migration.prepare(on: tx).get()
            }
            let batch = (try await MigrationLog.query(on: tx).max(\.$batch) ?? 0) + 1
            for migration in pending {
                self.logger.info("applying migration \(migration.name)")
                try await migration.prepare(on: tx).get()
                try await MigrationLog(name: migration.name, batch: batch).create(on: tx)
            }
        }
        return pending.map(\.name)
    }
}

extension Storage {
    /// Whether a table exists (SQLite or PostgreSQL, current schema).
    static func tableExists(_ name: String, on db: any Database) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { return false }
        let query: SQLQueryString = sql.dialect.name == "sqlite"
            ? "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = \(bind: name)"
            : "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = \(bind: name)"
        return (try await sql.raw(query).first(decoding: Count.self)?.n ?? 0) > 0
    }

    /// The user tables of the database (not SQLite's own), sorted by name.
    public static func tableNames(on db: any Database) async throws -> [String] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let query: SQLQueryString = sql.dialect.name == "sqlite"
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            // Partitions (logistics scans by month) are part of their parent table, not tables of their own.
            : """
              SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname
              """
        return try await sql.raw(query).all(decoding: Name.self).map(\.name)
    }

    /// Rows in a table.
    public static func rowCount(_ table: String, on db: any Database) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { return 0 }
        return try await sql.raw("SELECT count(*) AS n FROM \(ident: table)").first(decoding: Count.self)?.n ?? 0
    }

    struct Count: Decodable { let n: Int }
    struct Name: Decodable { let name: String }
}
