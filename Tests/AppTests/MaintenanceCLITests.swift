import ArgumentParser
import FluentKit
import Foundation
import SQLKit
import Storage
import TestDatabases
import Testing
import XiangcunKit
@testable import XiangcunCLI

/// backup, restore, migrate-data and the upgrade guard of serve, run in-process.
@Suite("Maintenance on the command line", .serialized)
struct MaintenanceCLITests {
    func run(_ arguments: [String]) async throws {
        var command = try XiangcunCommand.parseAsRoot(arguments)
        if var async = command as? any AsyncParsableCommand { try await async.run() } else { try command.run() }
    }

    func demoDataDir() async throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xc-maint-\(UUID().uuidString)").path
        // Two days of parcels: the copy and restore checks need every table, not 90 days of scans.
        try await run(["demo", "load", "--parcel-days", "2", "--data-dir", dir])
        return dir
    }

    /// The fund table (JSON) and the self-assessment report as the CLI writes them.
    func reports(_ dir: String) async throws -> [Data] {
        try await run(["report", "funds", "--county", "331123", "--format", "json", "--out", dir + "/funds.json", "--data-dir", dir])
        try await run(["report", "self-assessment", "--county", "331123", "--as-of", "2021-12-02", "--out", dir + "/report.docx", "--data-dir", dir])
        defer { for file in ["/funds.json", "/report.docx"] { try? FileManager.default.removeItem(atPath: dir + file) } }
        return try ["/funds.json", "/report.docx"].map { try Data(contentsOf: URL(fileURLWithPath: dir + $0)) }
    }

    func sql<T>(_ dir: String, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await StorageSession.with(.sqlite(path: dir + "/xiangcun.sqlite"), migrate: false) { session in
            guard let sql = session.db as? any SQLDatabase else { throw TestEnvironmentError(description: "not SQL") }
            return try await body(sql)
        }
    }

    @Test func restoreBringsBackTheSameReports() async throws {
        let dir = try await demoDataDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = try await reports(dir)
        try await run(["backup", "--keep-days", "30", "--data-dir", dir])
        let backup = try #require(try BackupFolder(databasePath: dir + "/xiangcun.sqlite").entries().last).path

        // The data the reports read changes afterwards, with its audit entry as the app writes one.
        try await sql(dir) { sql in
            try await sql.raw("UPDATE programme_fund_rows SET planned_fen = planned_fen + 1000000").run()
            try await sql.raw("INSERT INTO audit_entries (id, at, actor_name, address, action, entity, entity_id) VALUES (\(bind: UUID()), \(bind: Date()), 'suichang', '127.0.0.1', 'update', 'fund_row', 'all')").run()
        }
        #expect(try await reports(dir) != before)

        do {
            try await run(["restore", backup, "--data-dir", dir])
            Issue.record("a database changed after the backup needs --force")
        } catch { #expect("\(error)".contains("--force")) }
        #expect(try await reports(dir) != before)
        try await run(["restore", backup, "--force", "--data-dir", dir])
        #expect(try await reports(dir) == before)
        // The replaced database was kept.
        #expect(try BackupFolder(databasePath: dir + "/xiangcun.sqlite").entries().contains { $0.path.hasSuffix("-before-restore.sqlite") })
        do {
            try await run(["restore", dir + "/missing.sqlite", "--data-dir", dir])
            Issue.record("a missing backup must fail")
        } catch { #expect("\(error)".contains("does not exist")) }
    }

    @Test func backupOptionsAreChecked() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xc-maint-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (arguments, expected) in [(["--keep-days", "0"], "--keep-days"), (["--out", dir + "/x.sqlite", "--keep-days", "3"], "--out"),
                                      ([], "no database")] {
            do {
                try await run(["backup", "--data-dir", dir] + arguments)
                Issue.record("\(arguments) must be refused")
            } catch {
                #expect("\(error)".contains(expected) || XiangcunCommand.message(for: error).contains(expected), "\(error)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/xiangcun.sqlite"))
    }

    @Test(.enabled(if: Engine.all.contains(.postgres), "needs PostgreSQL (./scripts/test starts one)"))
    func migrateDataCopiesEveryTableToAnEmptyPostgreSQLDatabase() async throws {
        let dir = try await demoDataDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (config, cleanup) = try await freshDatabase(.postgres)
        do {
            guard case .postgres(let url) = config else { throw TestEnvironmentError(description: "not a PostgreSQL configuration") }
            try await run(["migrate-data", "--to", url, "--data-dir", dir])

            // Every table, counted on both sides by the test itself.
            func counts(_ config: DatabaseConfig) async throws -> [String: Int] {
                try await StorageSession.with(config, migrate: false) { session in
                    var counts: [String: Int] = [:]
                    for table in try await TableCopy.dataTables(on: session.db) { counts[table] = try await Storage.rowCount(table, on: session.db) }
                    return counts
                }
            }
            let sqlite = try await counts(.sqlite(path: dir + "/xiangcun.sqlite"))
            let postgres = try await counts(config)
            #expect(sqlite == postgres)
            #expect(sqlite.count >= 25)
            #expect(sqlite["divisions"] ?? 0 > 200 && sqlite["network_facilities"] ?? 0 > 100 && sqlite["audit_entries"] ?? 0 > 0)

            // The reports come out identical from both databases.
            let day = try #require(Day("2021-12-02"))
            let fromSQLite = try await StorageSession.with(.sqlite(path: dir + "/xiangcun.sqlite"), migrate: false) { try await ReportOutputs.collect(on: $0.db, asOf: day) }
            let fromPostgres = try await StorageSession.with(config, migrate: false) { try await ReportOutputs.collect(on: $0.db, asOf: day) }
            #expect(fromSQLite.counties.count == 1)
            #expect(fromSQLite.documents.count == 2)
            #expect(fromSQLite == fromPostgres)
            // The server runs on the copy: the upgrade guard finds nothing to do.
            #expect(try await StorageSession.with(config, migrate: false) { try await $0.upgrade(.setUpOnly) } == .upToDate)

            // A second copy into the same database is refused and adds nothing.
            do {
                try await run(["migrate-data", "--to", url, "--data-dir", dir])
                Issue.record("a non-empty target must be refused")
            } catch { #expect("\(error)".contains("not empty")) }
            #expect(try await counts(config) == postgres)
            try await cleanup()
        } catch {
            try? await cleanup()
            throw error
        }
    }

    @Test(.enabled(if: Engine.all.contains(.postgres), "needs PostgreSQL (./scripts/test starts one)"))
    func serveDoesNotMigratePostgreSQLWithoutConfirmation() async throws {
        let (config, cleanup) = try await freshDatabase(.postgres)
        do {
            _ = try await StorageSession.with(config, migrate: false) { try await $0.applyPendingMigrations(Array(Storage.migrations.prefix(3))) }
            let serve = try #require(try XiangcunCommand.parseAsRoot(["serve"]) as? ServeCommand)
            do {
                try await serve.upgradeDatabase(config)
                Issue.record("serve must not migrate PostgreSQL without --yes")
            } catch let code as ExitCode { #expect(code.rawValue == ServeCommand.needsOperator) }
            #expect(try await StorageSession.with(config, migrate: false) { try await $0.migrationStatus().pending.count } == Storage.migrations.count - 3)
            let confirmed = try #require(try XiangcunCommand.parseAsRoot(["serve", "--yes"]) as? ServeCommand)
            try await confirmed.upgradeDatabase(config)
            #expect(try await StorageSession.with(config, migrate: false) { try await $0.migrationStatus().isCurrent })
            try await cleanup()
        } catch {
            try? await cleanup()
            throw error
        }
    }

    @Test func migrateDataChecksItsArguments() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xc-maint-\(UUID().uuidString)").path
        do {
            try await run(["migrate-data", "--to", "mysql://x@y/z", "--data-dir", dir])
            Issue.record("a URL that is not PostgreSQL must be refused")
        } catch { #expect(XiangcunCommand.message(for: error).contains("postgres://")) }
        do {
            try await run(["migrate-data", "--to", "postgres://x@127.0.0.1:1/z", "--data-dir", dir])
            Issue.record("a missing SQLite database must be refused")
        } catch { #expect("\(error)".contains("no SQLite database")) }
    }
}
