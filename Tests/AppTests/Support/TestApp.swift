import Foundation
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting
@testable import Web

/// The database engines the suite runs on. PostgreSQL runs when XIANGCUN_TEST_POSTGRES_URL
/// points at a server (scripts/test starts one); XIANGCUN_REQUIRE_POSTGRES=1 makes its absence a failure.
enum Engine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    static var adminURL: String? {
        let url = ProcessInfo.processInfo.environment["XIANGCUN_TEST_POSTGRES_URL"]
        return (url?.isEmpty ?? true) ? nil : url
    }

    static var all: [Engine] {
        if adminURL != nil || ProcessInfo.processInfo.environment["XIANGCUN_REQUIRE_POSTGRES"] == "1" { return [.sqlite, .postgres] }
        return [.sqlite]
    }
}

struct TestEnvironmentError: Error, CustomStringConvertible {
    let description: String
}

/// A fresh, migrated database for one test, on either engine, and the app configured on it.
func withTestApp<T>(_ engine: Engine, _ body: (Application) async throws -> T) async throws -> T {
    let (config, cleanup) = try await freshDatabase(engine)
    let app = try await Application.make(.testing)
    app.logger.logLevel = .error
    do {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xc-data-\(UUID().uuidString)").path
        try await configure(app, settings: AppSettings(database: config, dataDir: dir, bcryptCost: 4))
        try await app.autoMigrate()
        let result = try await body(app)
        try await app.asyncShutdown()
        try await cleanup()
        return result
    } catch {
        try? await app.asyncShutdown()
        try? await cleanup()
        throw error
    }
}

func freshDatabase(_ engine: Engine) async throws -> (DatabaseConfig, @Sendable () async throws -> Void) {
    switch engine {
    case .sqlite:
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("xc-test-\(UUID().uuidString).sqlite").path
        return (.sqlite(path: path), {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
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
    let app = try await Application.make(.testing)
    app.logger.logLevel = .error
    do {
        try Storage.use(.postgres(url: url), on: app.databases)
        guard let sql = app.db as? any SQLDatabase else { throw TestEnvironmentError(description: "not SQL") }
        try await sql.raw(SQLQueryString(statement)).run()
        try await app.asyncShutdown()
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}
