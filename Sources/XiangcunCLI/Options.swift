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

/// Opens storage for a command and closes it after. With `migrate`, a new database is set up
/// (every migration applied); a database with data that still needs migrations is refused:
/// only `serve` and `migrate` upgrade one, after a backup.
func withStorage<T>(_ options: StorageOptions, migrate: Bool = true, _ body: (CommandStore) async throws -> T) async throws -> T {
    try await StorageSession.with(options.database, migrate: false) { session in
        if migrate { _ = try await session.upgrade(.setUpOnly) }
        return try await body(CommandStore(session: session))
    }
}

/// Settings read from the environment (the installation's /etc/xiangcun/xiangcun.env).
enum EnvironmentSetting {
    static var values: [String: String] { ProcessInfo.processInfo.environment }

    /// A yes/no setting: unset, empty, 0, false or no is off; 1, true or yes is on.
    static func flag(_ name: String) throws -> Bool {
        guard let raw = values[name]?.trimmingCharacters(in: .whitespaces).lowercased() else { return false }
        switch raw {
        case "", "0", "false", "no", "off": return false
        case "1", "true", "yes", "on": return true
        default: throw UserFacingError("\(name)=\(raw): use 1 or 0")
        }
    }

    /// A non-empty text setting, or nil.
    static func text(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
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
