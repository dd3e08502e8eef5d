import ArgumentParser
import Foundation
import Storage
import Vapor
import Web

/// Options every command that opens the database shares.
struct StorageOptions: ParsableArguments {
    @ArgumentParser.Option(help: "Folder for the SQLite database and uploaded files (env XIANGCUN_DATA_DIR).")
    var dataDir: String = ProcessInfo.processInfo.environment["XIANGCUN_DATA_DIR"] ?? "./data"

    var settings: AppSettings {
        AppSettings(database: DatabaseConfig.resolve(dataDir: dataDir), dataDir: dataDir)
    }
}

/// Opens the application (database, migrations registered) for a command, and closes it after.
func withApplication<T>(_ settings: AppSettings, migrate: Bool = true, _ body: (Application) async throws -> T) async throws -> T {
    var env = Environment(name: "production", arguments: ["xiangcun"])
    env.arguments = ["xiangcun"]
    let app = try await Application.make(env)
    app.logger.logLevel = .warning
    do {
        try await configure(app, settings: settings)
        if migrate { try await app.autoMigrate() }
        let result = try await body(app)
        try await app.asyncShutdown()
        return result
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}

/// A failure the user can fix: printed as one line, exit status 1.
struct UserFacingError: Error, CustomStringConvertible {
    let description: String
    init(_ text: String) { description = text }
}

extension ParsableCommand {
    /// Maps known errors to clear messages; anything else is printed as it is.
    static func explain(_ error: any Error) -> any Error {
        if error is ExitCode || error is CleanExit || error is ValidationError { return error }
        return UserFacingError("error: \(error)")
    }
}
