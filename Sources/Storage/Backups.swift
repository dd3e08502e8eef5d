import FluentKit
import Foundation
import SQLKit

/// The folder of timed SQLite backups, `<data>/backups/`: `xiangcun backup` without `--out`, the
/// daily timer, and the copies taken before a migration or a restore all write there, named
/// `xiangcun-20250521T023000Z[-reason].sqlite` (UTC), so the name tells when the copy was taken.
public struct BackupFolder: Sendable, Equatable {
    public let path: String

    public init(path: String) { self.path = path }

    /// `<folder of the database file>/backups`.
    public init(databasePath: String) {
        path = URL(fileURLWithPath: databasePath).deletingLastPathComponent().appendingPathComponent("backups").path
    }

    public struct Entry: Sendable, Equatable {
        public let path: String
        public let takenAt: Date
    }

    static let prefix = "xiangcun-"
    static let stampLength = 16  // 20250521T023000Z

    static func stampFormatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter
    }

    /// The file name of a backup taken at `date`; `reason` (letters, digits, dashes) is appended.
    public static func fileName(at date: Date, reason: String? = nil, attempt: Int = 0) -> String {
        var name = prefix + stampFormatter().string(from: date)
        if let reason, !reason.isEmpty { name += "-" + reason }
        if attempt > 0 { name += "-\(attempt + 1)" }
        return name + ".sqlite"
    }

    /// When a backup was taken, from its name; nil for files not named by `fileName`.
    public static func takenAt(fileName: String) -> Date? {
        guard fileName.hasPrefix(prefix), fileName.hasSuffix(".sqlite") else { return nil }
        let stamp = fileName.dropFirst(prefix.count).prefix(stampLength)
        guard stamp.count == stampLength else { return nil }
        return stampFormatter().date(from: String(stamp))
    }

    /// The timed backups in the folder, oldest first (other files are ignored).
    public func entries() throws -> [Entry] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: path).compactMap { name in
            Self.takenAt(fileName: name).map { Entry(path: URL(fileURLWithPath: path).appendingPathComponent(name).path, takenAt: $0) }
        }.sorted { ($0.takenAt, $0.path) < ($1.takenAt, $1.path) }
    }

    /// A path for a new backup taken now that no file has yet.
    func newPath(at date: Date, reason: String?) throws -> String {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        catch { throw StorageError.cannotCreateDataDir(path, error.localizedDescription) }
        for attempt in 0..<100 {
            let candidate = URL(fileURLWithPath: path).appendingPathComponent(Self.fileName(at: date, reason: reason, attempt: attempt)).path
            if !FileManager.default.fileExists(atPath: candidate) && !FileManager.default.fileExists(atPath: candidate + ".partial") {
                return candidate
            }
        }
        throw StorageError.backupTargetExists(path)
    }

    /// Deletes the timed backups taken more than `keepDays` days before `now`, but never the
    /// newest one. Returns the paths deleted.
    @discardableResult
    public func prune(keepDays: Int, now: Date = Date()) throws -> [String] {
        guard keepDays >= 1 else { throw StorageError.badRetention(keepDays) }
        let cutoff = now.addingTimeInterval(-Double(keepDays) * 86_400)
        let all = try entries()
        var removed: [String] = []
        for entry in all.dropLast() where entry.takenAt < cutoff {
            try FileManager.default.removeItem(atPath: entry.path)
            removed.append(entry.path)
        }
        return removed
    }
}

extension Storage {
    /// A consistent copy of a live SQLite database (`VACUUM INTO` reads one snapshot while
    /// the server keeps writing). The copy is written beside the target as `.partial` and
    /// renamed when complete, so a file with the target's name is always a whole backup.
    public static func backupSQLite(_ db: any Database, to path: String) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { throw StorageError.backupUnsupported }
        guard !FileManager.default.fileExists(atPath: path) else { throw StorageError.backupTargetExists(path) }
        let partial = path + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        do {
            try await sql.raw("VACUUM INTO \(bind: partial)").run()
            try FileManager.default.moveItem(atPath: partial, toPath: path)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }
}

extension StorageSession {
    /// Writes a timed backup of this SQLite database into its backups folder and returns its path.
    public func backup(reason: String? = nil, at date: Date = Date()) async throws -> String {
        guard case .sqlite(let databasePath) = config else { throw StorageError.backupUnsupported }
        let target = try BackupFolder(databasePath: databasePath).newPath(at: date, reason: reason)
        try await Storage.backupSQLite(db, to: target)
        return target
    }
}
