import FluentKit
import Foundation
import SQLKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum RestoreError: Error, CustomStringConvertible, Equatable {
    case notFound(String)
    case notSQLite(String)
    case damaged(String, String)
    case notXiangcun(String)
    case sameFile(String)
    case inUse(String)
    case newerDatabase(current: String, backup: String)

    public var description: String {
        switch self {
        case .notFound(let path): return "\(path) does not exist"
        case .notSQLite(let path): return "\(path) is not a SQLite database"
        case .damaged(let path, let why): return "\(path) is damaged (integrity check: \(why)); nothing was restored"
        case .notXiangcun(let path): return "\(path) is not a xiangcun database (it records no migrations)"
        case .sameFile(let path): return "\(path) is the database itself: give a backup file"
        case .inUse(let path): return "\(path) is in use by another process: stop the server first (systemctl stop xiangcun)"
        case .newerDatabase(let current, let backup):
            return "the current database was changed after the backup (last change: database \(current), backup \(backup)); "
                + "nothing was restored. Add --force to replace it anyway (a copy of it is kept in the backups folder)"
        }
    }
}

public struct RestoreResult: Sendable, Equatable {
    /// The copy of the replaced database, in the backups folder (nil when there was none).
    public let safetyCopy: String?
    /// The newest audit entry of the restored data.
    public let lastChange: Date?
    /// Migrations the restored data has; an older backup is migrated by the next `serve`/`migrate`.
    public let migrations: [String]
}

extension Storage {
    /// Replaces the SQLite database at `databasePath` with the backup `backupPath`. The backup is
    /// checked (integrity, a xiangcun schema not newer than this build) on a copy before anything
    /// is replaced; a current database changed after the backup was taken (by its audit trail or
    /// its migrations) is replaced only with `force`; the replaced database is first copied into
    /// the backups folder; the new file takes the old one's place in one rename.
    public static func restoreSQLite(backup backupPath: String, databasePath: String, force: Bool,
                                     migrations: [any Migration] = Storage.migrations, now: Date = Date()) async throws -> RestoreResult {
        let fm = FileManager.default
        guard fm.fileExists(atPath: backupPath) else { throw RestoreError.notFound(backupPath) }
        guard isSQLiteFile(backupPath) else { throw RestoreError.notSQLite(backupPath) }
        let resolved = { (p: String) in URL(fileURLWithPath: p).resolvingSymlinksInPath().standardizedFileURL.path }
        guard resolved(backupPath) != resolved(databasePath) else { throw RestoreError.sameFile(backupPath) }
        let folder = URL(fileURLWithPath: databasePath).deletingLastPathComponent().path
        do { try fm.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        catch { throw StorageError.cannotCreateDataDir(folder, error.localizedDescription) }

        // A clean, standalone copy of the backup beside the database; the backup is only read.
        let staging = databasePath + ".restoring"
        for suffix in ["", "-wal", "-shm", ".partial"] { try? fm.removeItem(atPath: staging + suffix) }
        defer { for suffix in ["", "-wal", "-shm", ".partial"] { try? fm.removeItem(atPath: staging + suffix) } }
        try await StorageSession.with(.sqlite(path: backupPath), migrate: false) { try await backupSQLite($0.db, to: staging) }
        let restored = try await StorageSession.with(.sqlite(path: staging), migrate: false) { session in
            try await inspect(session, path: backupPath, migrations: migrations, checkIntegrity: true)
        }

        var safetyCopy: String?
        if fm.fileExists(atPath: databasePath) {
            guard !sqliteInUse(databasePath) else { throw RestoreError.inUse(databasePath) }
            safetyCopy = try await StorageSession.with(.sqlite(path: databasePath), migrate: false) { session in
                let current = try await inspect(session, path: databasePath, migrations: migrations, checkIntegrity: false)
                let newer = (current.lastChange ?? .distantPast) > (restored.lastChange ?? .distantPast)
                    || !Set(current.migrations).isSubset(of: Set(restored.migrations))
                if newer && !force {
                    throw RestoreError.newerDatabase(current: stamp(current.lastChange), backup: stamp(restored.lastChange))
                }
                let tables = try await tableNames(on: session.db)
                let empty = current.migrations.isEmpty && tables.isEmpty
                return empty ? nil : try await session.backup(reason: "before-restore", at: now)
            }
            guard !sqliteInUse(databasePath) else { throw RestoreError.inUse(databasePath) }
            // Every connection is closed: leftover -wal/-shm belong to the old file and must not
            // be applied to the new one.
            for suffix in ["-wal", "-shm"] where fm.fileExists(atPath: databasePath + suffix) {
                try fm.removeItem(atPath: databasePath + suffix)
            }
        }
        guard rename(staging, databasePath) == 0 else {
            throw StorageError.cannotCreateDataDir(folder, "cannot move the restored file into place: \(String(cString: strerror(errno)))")
        }
        return RestoreResult(safetyCopy: safetyCopy, lastChange: restored.lastChange, migrations: restored.migrations)
    }

    struct Inspection { let lastChange: Date?; let migrations: [String] }

    static func inspect(_ session: StorageSession, path: String, migrations: [any Migration], checkIntegrity: Bool) async throws -> Inspection {
        guard let sql = session.db as? any SQLDatabase else { throw RestoreError.notSQLite(path) }
        if checkIntegrity {
            let rows = try await sql.raw("PRAGMA integrity_check").all()
            let answers = rows.compactMap { try? $0.decode(column: "integrity_check", as: String.self) }
            guard answers == ["ok"] else { throw RestoreError.damaged(path, answers.prefix(3).joined(separator: "; ")) }
        }
        let status = try await session.migrationStatus(migrations)
        guard status.unknown.isEmpty else { throw MigrationError.newerDatabase(unknown: status.unknown) }
        var last: Date?
        if try await tableExists("audit_entries", on: session.db) {
            last = try await sql.raw("SELECT max(at) AS last FROM audit_entries").first()?.decode(column: "last", as: Date?.self)
        }
        if checkIntegrity && status.applied.isEmpty { throw RestoreError.notXiangcun(path) }
        return Inspection(lastChange: last, migrations: status.applied)
    }

    static func stamp(_ date: Date?) -> String {
        guard let date else { return "none" }
        return ISO8601DateFormatter().string(from: date)
    }

    /// Whether the file starts with SQLite's header.
    static func isSQLiteFile(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        return header == Data("SQLite format 3\u{0}".utf8)
    }

    /// Whether another process has the SQLite database open: every connection to a database in
    /// WAL mode holds a read lock on the "dead man switch" byte (128) of its `-shm` file, which
    /// `F_GETLK` reports for processes other than this one.
    public static func sqliteInUse(_ databasePath: String) -> Bool {
        let shm = databasePath + "-shm"
        let fd = open(shm, O_RDONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 128
        lock.l_len = 1
        guard fcntl(fd, F_GETLK, &lock) == 0 else { return false }
        return lock.l_type != Int16(F_UNLCK)
    }
}
