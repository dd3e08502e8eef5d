import ArgumentParser
import Foundation
import Accounts
import Composition
import FluentKit
import Storage

/// Options every command that opens the database shares.
struct StorageOptions: ParsableArguments {
    @ArgumentParser.Option(help: "Folder for the SQLite database and uploaded files (env XIANGCUN_DATA_DIR).")
    var dataDir: String = ProcessInfo.processInfo.environment["XIANGCUN_DATA_DIR"] ?? "./data"

    var database: DatabaseConfig { DatabaseConfig.resolve(dataDir: dataDir) }
}

/// What a database command works with: storage opened on its own (no web application, no
/// routes) and the password hasher.
struct CommandStore {
    let session: StorageSession
    let passwordHasher: any PasswordHashing = BcryptPasswordHasher(cost: 12)
    var db: any Database { session.db }
}

/// Opens storage for a command (migrated unless `migrate` is false) and closes it after.
func withStorage<T>(_ options: StorageOptions, migrate: Bool = true, _ body: (CommandStore) async throws -> T) async throws -> T {
    try await StorageSession.with(options.database, migrate: migrate) { try await body(CommandStore(session: $0)) }
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
