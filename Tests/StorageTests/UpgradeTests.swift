import FluentKit
import Foundation
import SQLKit
import Storage
import TestDatabases
import Testing

/// A new, empty database (no migrations) for one test, removed afterwards.
func withEmptyStore<T>(_ engine: Engine, _ body: (StorageSession, DatabaseConfig) async throws -> T) async throws -> T {
    let (config, cleanup) = try await freshDatabase(engine)
    do {
        let result = try await StorageSession.with(config, migrate: false) { try await body($0, config) }
        try await cleanup()
        return result
    } catch {
        try? await cleanup()
        throw error
    }
}

/// The first migrations of this build: a database of an older version.
let olderMigrations = Array(Storage.migrations.prefix(2))

func sql(_ session: StorageSession) throws -> any SQLDatabase {
    guard let sql = session.db as? any SQLDatabase else { throw TestEnvironmentError(description: "not SQL") }
    return sql
}

/// A division row written the way an older version would have, to see it survive upgrades.
func addVillage(_ session: StorageSession, code: String = "331123102200", name: String = "升级村") async throws {
    try await sql(session).insert(into: "divisions")
        .columns("code", "name", "level", "parent_code", "county_code", "active", "sample")
        .values(code, name, 5, "331123102000", "331123000000", true, false)
        .run()
}

func villageName(_ session: StorageSession, code: String = "331123102200") async throws -> String? {
    struct Row: Decodable { let name: String }
    return try await sql(session).select().column("name").from("divisions").where("code", .equal, code).first(decoding: Row.self)?.name
}

struct CreateExtraTable: AsyncMigration {
    var name: String { "Tests.CreateExtraTable" }
    func prepare(on database: any Database) async throws {
        try await database.schema("upgrade_extra").id().field("note", .string, .required).create()
    }
    func revert(on database: any Database) async throws { try await database.schema("upgrade_extra").delete() }
}

struct FailingMigration: AsyncMigration {
    var name: String { "Tests.FailingMigration" }
    struct Failure: Error {}
    func prepare(on database: any Database) async throws { throw Failure() }
    func revert(on database: any Database) async throws {}
}

@Suite("Upgrades")
struct UpgradeTests {
    @Test(arguments: Engine.all)
    func aNewDatabaseIsSetUpByEveryCommand(engine: Engine) async throws {
        try await withEmptyStore(engine) { session, _ in
            #expect(try await session.migrationStatus().isFresh)
            let outcome = try await session.upgrade(.setUpOnly)
            #expect(outcome == .created(Storage.migrations.map(\.name)))
            #expect(try await session.migrationStatus().isCurrent)
            #expect(try await session.upgrade(.setUpOnly) == .upToDate)
        }
    }

    @Test func upgradingSQLiteTakesABackupFirstAndKeepsTheData() async throws {
        try await withEmptyStore(.sqlite) { session, config in
            guard case .sqlite(let path) = config else { throw TestEnvironmentError(description: "not a SQLite configuration") }
            try await session.applyPendingMigrations(olderMigrations)
            try await addVillage(session)
            let pending = Storage.migrations.dropFirst(2).map(\.name)

            // Other commands refuse to migrate a database with data in it.
            await #expect(throws: UpgradeRefusal.needsMigrate(pending: pending)) { try await session.upgrade(.setUpOnly) }

            var lines: [String] = []
            let outcome = try await session.upgrade(.upgrade(confirmed: false)) { lines.append($0) }
            guard case .upgraded(let applied, let backup?) = outcome else { Issue.record("no backup: \(outcome)"); return }
            #expect(applied == pending)
            #expect(lines.first?.contains(pending.joined(separator: ", ")) == true)
            #expect(backup.hasPrefix(BackupFolder(databasePath: path).path + "/xiangcun-"))
            #expect(backup.hasSuffix("-before-migration.sqlite"))
            #expect(try await villageName(session) == "升级村")
            #expect(try await session.migrationStatus().isCurrent)
            // The backup is the database as it was before: the old migrations and the data.
            try await StorageSession.with(.sqlite(path: backup), migrate: false) { (copy: StorageSession) async throws in
                #expect(try await copy.migrationStatus().applied == olderMigrations.map(\.name))
                #expect(try await villageName(copy) == "升级村")
            }
        }
    }

    @Test(.enabled(if: Engine.all.contains(.postgres), "needs PostgreSQL (./scripts/test starts one)"))
    func postgreSQLIsNotMigratedWithoutConfirmation() async throws {
        try await withEmptyStore(.postgres) { session, config in
            try await session.applyPendingMigrations(olderMigrations)
            try await addVillage(session)
            let pending = Storage.migrations.dropFirst(2).map(\.name)
            let tablesBefore = try await Storage.tableNames(on: session.db)
            await #expect(throws: UpgradeRefusal.needsConfirmation(pending: pending, database: config.safeDescription)) {
                try await session.upgrade(.upgrade(confirmed: false))
            }
            #expect(try await session.migrationStatus().pending == pending)
            #expect(try await Storage.tableNames(on: session.db) == tablesBefore)
            #expect("\(UpgradeRefusal.needsConfirmation(pending: pending, database: "db"))".contains("pg_dump"))

            let outcome = try await session.upgrade(.upgrade(confirmed: true))
            #expect(outcome == .upgraded(pending, backup: nil))
            #expect(try await villageName(session) == "升级村")
        }
    }

    @Test(arguments: Engine.all)
    func aFailingMigrationLeavesTheDatabaseAsItWas(engine: Engine) async throws {
        try await withEmptyStore(engine) { session, _ in
            try await session.applyPendingMigrations(olderMigrations)
            try await addVillage(session)
            let tablesBefore = try await Storage.tableNames(on: session.db)
            let broken: [any Migration] = olderMigrations + [CreateExtraTable(), FailingMigration()]
            do {
                _ = try await session.upgrade(.upgrade(confirmed: true), migrations: broken)
                Issue.record("a failing migration must fail the upgrade")
            } catch let failure as UpgradeFailure {
                #expect(failure.description.contains("nothing was changed"))
                #expect((failure.backup != nil) == (engine == .sqlite))
            }
            #expect(try await Storage.tableNames(on: session.db) == tablesBefore)
            #expect(try await session.migrationStatus(broken).applied == olderMigrations.map(\.name))
            #expect(try await villageName(session) == "升级村")
        }
    }

    @Test(arguments: Engine.all)
    func aDatabaseOfANewerVersionIsRefused(engine: Engine) async throws {
        try await withEmptyStore(engine) { session, _ in
            try await session.applyPendingMigrations(Storage.migrations + [CreateExtraTable()])
            await #expect(throws: MigrationError.newerDatabase(unknown: ["Tests.CreateExtraTable"])) {
                try await session.upgrade(.upgrade(confirmed: true))
            }
            await #expect(throws: MigrationError.newerDatabase(unknown: ["Tests.CreateExtraTable"])) {
                try await session.upgrade(.setUpOnly)
            }
        }
    }
}
