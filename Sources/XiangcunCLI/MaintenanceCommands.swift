import ArgumentParser
import Foundation
import Storage

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply pending database migrations (or with --revert, undo them all).",
        discussion: """
            SQLite: the database is first copied into <data-dir>/backups/. PostgreSQL: nothing is \
            changed without --yes; take a pg_dump first. Pending migrations run in one transaction: \
            if one fails, the database is left as it was.
            """)
    @ArgumentParser.OptionGroup var storage: StorageOptions
    @ArgumentParser.Flag(help: "Only list the applied and the pending migrations.") var status = false
    @ArgumentParser.Flag(help: "Revert every applied migration (erases the data).") var revert = false
    @ArgumentParser.Flag(help: "Confirm --revert, or migrating a PostgreSQL database (after pg_dump).") var yes = false

    func run() async throws {
        if revert && !yes { throw UserFacingError("--revert erases the data; add --yes to confirm") }
        try await withStorage(storage, migrate: false) { store in
            if status {
                let current = try await store.session.migrationStatus()
                print("applied (\(current.applied.count)): \(current.applied.joined(separator: ", "))")
                print("pending (\(current.pending.count)): \(current.pending.joined(separator: ", "))")
                if !current.unknown.isEmpty { print("unknown to this version: \(current.unknown.joined(separator: ", "))") }
            } else if revert {
                try await store.session.revertAll()
                print("reverted all migrations")
            } else {
                let outcome = try await store.session.upgrade(.upgrade(confirmed: yes)) { print($0) }
                print(MigrateCommand.summary(outcome, storage.database))
            }
        }
    }

    static func summary(_ outcome: UpgradeOutcome, _ database: DatabaseConfig) -> String {
        switch outcome {
        case .upToDate: return "database is up to date (\(database.safeDescription))"
        case .created(let names): return "new database set up: \(names.count) migration(s) applied (\(database.safeDescription))"
        case .upgraded(let names, _): return "database upgraded: \(names.joined(separator: ", ")) (\(database.safeDescription))"
        }
    }
}

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Write a consistent copy of the SQLite database while the server runs.",
        discussion: """
            Without --out the copy goes to <data-dir>/backups/xiangcun-<UTC time>.sqlite; --keep-days N \
            then deletes the copies there older than N days (never the newest). The daily timer of the \
            Debian package runs `xiangcun backup --keep-days N`. For PostgreSQL use pg_dump.
            """)
    @ArgumentParser.OptionGroup var storage: StorageOptions
    @ArgumentParser.Option(help: "Target file (must not exist); default: a new file in <data-dir>/backups/.") var out: String?
    @ArgumentParser.Option(help: "Delete backups in <data-dir>/backups/ older than this many days (the newest is always kept).")
    var keepDays: Int?

    func validate() throws {
        if let keepDays, keepDays < 1 { throw ValidationError("--keep-days must be 1 or more") }
        if out != nil && keepDays != nil { throw ValidationError("--keep-days prunes <data-dir>/backups/: leave out --out") }
    }

    func run() async throws {
        guard case .sqlite(let path) = storage.database else { throw UserFacingError(StorageError.backupUnsupported.description) }
        guard FileManager.default.fileExists(atPath: path) else { throw UserFacingError("there is no database at \(path) to back up") }
        try await withStorage(storage, migrate: false) { store in
            let written: String
            if let out {
                try await Storage.backupSQLite(store.db, to: out)
                written = out
            } else {
                written = try await store.session.backup()
            }
            print("backup written to \(written)")
            if let keepDays {
                let removed = try BackupFolder(databasePath: path).prune(keepDays: keepDays)
                for file in removed { print("removed old backup \(file)") }
            }
        }
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Bring a SQLite backup back as the database (stop the server first).",
        discussion: """
            The backup is checked before anything is replaced. A database changed after the backup \
            was taken is replaced only with --force; the replaced database is kept in \
            <data-dir>/backups/. A backup from an older version is migrated by the next start.
            """)
    @ArgumentParser.OptionGroup var storage: StorageOptions
    @ArgumentParser.Argument(help: "The backup file (.sqlite).") var file: String
    @ArgumentParser.Flag(help: "Replace a database that was changed after the backup was taken.") var force = false

    func run() async throws {
        guard case .sqlite(let path) = storage.database else {
            throw UserFacingError("restore brings back a SQLite backup; for PostgreSQL use pg_restore --clean -d \"$DATABASE_URL\" FILE.dump")
        }
        let result = try await Storage.restoreSQLite(backup: file, databasePath: path, force: force)
        print("restored \(file) into \(path) (newest audit entry: \(result.lastChange.map { ISO8601DateFormatter().string(from: $0) } ?? "none"))")
        if let copy = result.safetyCopy { print("the replaced database was kept as \(copy)") }
        let pending = Storage.migrations.map(\.name).filter { !result.migrations.contains($0) }
        if !pending.isEmpty {
            print("the backup lacks \(pending.count) migration(s) of this version: `xiangcun migrate` (or the next start) applies them after a backup")
        }
    }
}
