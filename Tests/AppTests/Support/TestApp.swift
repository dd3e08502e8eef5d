import Foundation
import SQLKit
import Storage
import TestDatabases
import Testing
import Vapor
import VaporTesting
@testable import Web

/// A fresh, migrated database for one test, on either engine, and the app configured on it.
func withTestApp<T>(_ engine: Engine, _ body: (Application) async throws -> T) async throws -> T {
    let (config, cleanup) = try await freshDatabase(engine)
    let logged = SuiteLog.active
    let app = try await Application.make(.testing)
    if !logged { app.logger.logLevel = .error }
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
