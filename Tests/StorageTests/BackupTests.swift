import FluentKit
import Foundation
import SQLKit
import Storage
import TestDatabases
import Testing

@Suite("Backups and restore")
struct BackupTests {
    func folder() throws -> BackupFolder {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("xc-backups-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return BackupFolder(path: path)
    }

    func day(_ text: String) throws -> Date {
        guard let date = ISO8601DateFormatter().date(from: text + "T02:30:00Z") else { throw TestEnvironmentError(description: "bad day \(text)") }
        return date
    }

    @Test func namesTellWhenACopyWasTaken() throws {
        let date = try day("2025-05-21")
        #expect(BackupFolder.fileName(at: date) == "xiangcun-20250521T023000Z.sqlite")
        #expect(BackupFolder.fileName(at: date, reason: "before-migration") == "xiangcun-20250521T023000Z-before-migration.sqlite")
        #expect(BackupFolder.takenAt(fileName: "xiangcun-20250521T023000Z-before-migration.sqlite") == date)
        #expect(BackupFolder.takenAt(fileName: "xiangcun.sqlite") == nil)
        #expect(BackupFolder.takenAt(fileName: "notes-20250521T023000Z.sqlite") == nil)
        #expect(BackupFolder(databasePath: "/var/lib/xiangcun/xiangcun.sqlite").path == "/var/lib/xiangcun/backups")
    }

    @Test func retentionDeletesOnlyOldTimedBackupsAndNeverTheNewest() throws {
        let backups = try folder()
        defer { try? FileManager.default.removeItem(atPath: backups.path) }
        let names = ["2025-05-01", "2025-05-10", "2025-05-14", "2025-05-20"].map { try? BackupFolder.fileName(at: day($0)) }.compactMap { $0 }
        for name in names + ["keep-me.sqlite", "xiangcun.sqlite"] {
            try Data("x".utf8).write(to: URL(fileURLWithPath: backups.path).appendingPathComponent(name))
        }
        let removed = try backups.prune(keepDays: 7, now: try day("2025-05-21"))
        #expect(removed.map { URL(fileURLWithPath: $0).lastPathComponent } == Array(names.prefix(2)))
        #expect(try backups.entries().count == 2)
        #expect(FileManager.default.fileExists(atPath: backups.path + "/keep-me.sqlite"))
        // Long after the last backup, the newest one still stays.
        let late = try backups.prune(keepDays: 1, now: try day("2026-01-01"))
        #expect(late.count == 1)
        #expect(try backups.entries().map { URL(fileURLWithPath: $0.path).lastPathComponent } == [names[3]])
        #expect(throws: StorageError.self) { try backups.prune(keepDays: 0) }
    }

    @Test func restoreChecksTheBackupAndRefusesANewerDatabase() async throws {
        try await withEmptyStore(.sqlite) { session, config in
            guard case .sqlite(let path) = config else { throw TestEnvironmentError(description: "not a SQLite configuration") }
            _ = try await session.upgrade(.setUpOnly)
            try await addVillage(session)
            let backup = try await session.backup()
            try await addVillage(session, code: "331123102201", name: "后来村")
            try await sql(session).raw("INSERT INTO audit_entries (id, at, actor_name, address, action, entity, entity_id) VALUES (\(bind: UUID()), \(bind: Date()), 'test', '127.0.0.1', 'create', 'division', '331123102201')").run()
            await session.close()

            await #expect(throws: RestoreError.self) { try await Storage.restoreSQLite(backup: path, databasePath: path, force: true) }
            let notSQLite = path + ".txt"
            try Data("not a database".utf8).write(to: URL(fileURLWithPath: notSQLite))
            await #expect(throws: RestoreError.notSQLite(notSQLite)) { try await Storage.restoreSQLite(backup: notSQLite, databasePath: path, force: true) }
            do {
                _ = try await Storage.restoreSQLite(backup: backup, databasePath: path, force: false)
                Issue.record("a database changed after the backup must not be replaced without force")
            } catch let error as RestoreError {
                guard case .newerDatabase = error else { Issue.record("\(error)"); return }
                #expect(error.description.contains("--force"))
            }
            let result = try await Storage.restoreSQLite(backup: backup, databasePath: path, force: true)
            let kept = try #require(result.safetyCopy)
            #expect(kept.hasSuffix("-before-restore.sqlite"))
            try await StorageSession.with(config, migrate: false) { (restored: StorageSession) async throws in
                #expect(try await villageName(restored) == "升级村")
                #expect(try await villageName(restored, code: "331123102201") == nil)
                #expect(try await restored.migrationStatus().isCurrent)
            }
            try await StorageSession.with(.sqlite(path: kept), migrate: false) { (copy: StorageSession) async throws in
                #expect(try await villageName(copy, code: "331123102201") == "后来村")
            }
            // Restoring the same backup again changes nothing that is newer: no force needed.
            _ = try await Storage.restoreSQLite(backup: backup, databasePath: path, force: false)
        }
    }

    @Test func aDatabaseOpenInAnotherProcessIsNotReplaced() async throws {
        try await withEmptyStore(.sqlite) { session, config in
            guard case .sqlite(let path) = config else { throw TestEnvironmentError(description: "not a SQLite configuration") }
            _ = try await session.upgrade(.setUpOnly)
            let backup = try await session.backup()
            await session.close()
            #expect(!Storage.sqliteInUse(path))
            let holder = Process()
            holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            holder.arguments = ["python3", "-c", """
                import sqlite3, sys, time
                c = sqlite3.connect(sys.argv[1]); c.execute("select count(*) from divisions").fetchall()
                print("open", flush=True); time.sleep(30)
                """, path]
            let out = Pipe()
            holder.standardOutput = out
            try holder.run()
            // SIGKILL: the test process may block SIGTERM, and its children inherit the mask.
            defer { kill(holder.processIdentifier, SIGKILL); holder.waitUntilExit() }
            _ = try out.fileHandleForReading.read(upToCount: 4)
            #expect(Storage.sqliteInUse(path))
            await #expect(throws: RestoreError.inUse(path)) { try await Storage.restoreSQLite(backup: backup, databasePath: path, force: true) }
        }
    }
}
