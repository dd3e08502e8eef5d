import Foundation
import SQLKit
import Storage
import Testing

/// The database engines the suite runs on. PostgreSQL runs when XIANGCUN_TEST_POSTGRES_URL
/// points at a server (scripts/test starts one); XIANGCUN_REQUIRE_POSTGRES=1 makes its absence a failure.
public enum Engine: String, CaseIterable, Sendable, CustomStringConvertible, CustomTestStringConvertible {
    case sqlite, postgres

    public var description: String { rawValue }
    public var testDescription: String { rawValue }

    public static var adminURL: String? {
        let url = ProcessInfo.processInfo.environment["XIANGCUN_TEST_POSTGRES_URL"]
        return (url?.isEmpty ?? true) ? nil : url
    }

    public static var all: [Engine] {
        if adminURL != nil || ProcessInfo.processInfo.environment["XIANGCUN_REQUIRE_POSTGRES"] == "1" { return [.sqlite, .postgres] }
        return [.sqlite]
    }
}

public struct TestEnvironmentError: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

/// A new, empty database for one test on `engine`, and how to remove it afterwards: a SQLite
/// file in a new temp folder, or a new database on the PostgreSQL server.
public func freshDatabase(_ engine: Engine) async throws -> (DatabaseConfig, @Sendable () async throws -> Void) {
    switch engine {
    case .sqlite:
        // A folder of its own, as the data folder of an installation: backups go beside the file.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xc-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (.sqlite(path: folder.appendingPathComponent("xiangcun.sqlite").path), {
            try? FileManager.default.removeItem(at: folder)
        })
    case .postgres:
        guard let admin = Engine.adminURL else {
            throw TestEnvironmentError(description: "PostgreSQL tests required but XIANGCUN_TEST_POSTGRES_URL is not set; run ./scripts/test")
        }
        let name = "xct_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try await adminSQL(admin, "CREATE DATABASE \(name)")
        guard var parts = URLComponents(string: admin) else { throw TestEnvironmentError(description: "bad XIANGCUN_TEST_POSTGRES_URL") }
        parts.path = "/" + name
        return (.postgres(url: parts.string ?? admin), { try await adminSQL(admin, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") })
    }
}

/// Runs one statement on the maintenance database (CREATE / DROP DATABASE).
func adminSQL(_ url: String, _ statement: String) async throws {
    try await StorageSession.with(.postgres(url: url), migrate: false) { session in
        guard let sql = session.db as? any SQLDatabase else { throw TestEnvironmentError(description: "not SQL") }
        try await sql.raw(SQLQueryString(statement)).run()
    }
}

/// A fresh, migrated database for one test of a capability module, opened without the web app.
public func withTestStore<T>(_ engine: Engine, _ body: (StorageSession) async throws -> T) async throws -> T {
    let (config, cleanup) = try await freshDatabase(engine)
    do {
        let result = try await StorageSession.with(config) { try await body($0) }
        try await cleanup()
        return result
    } catch {
        try? await cleanup()
        throw error
    }
}
