import FluentKit
import SQLKit

extension Database {
    /// A transaction that writes. On PostgreSQL it is `transaction`. On SQLite it takes the
    /// write lock when it begins (`BEGIN IMMEDIATE`) and waits for it, sleeping, up to a minute.
    ///
    /// Why: Fluent begins SQLite transactions DEFERRED, and the server has a connection per event
    /// loop. A transaction that reads before it writes (most of ours) then fails with "database is
    /// locked" when another connection committed in between: its snapshot is stale, and SQLite
    /// cannot wait that out. Taking the lock first makes concurrent writers queue instead.
    public func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard !inTransaction else { return try await body(self) }
        return try await transaction { tx in
            if let sql = tx as? any SQLDatabase, sql.dialect.name == "sqlite" {
                // Nothing has run in Fluent's deferred transaction yet: end it and begin again,
                // immediate. Fluent's own COMMIT or ROLLBACK then ends this one.
                try await sql.raw("COMMIT").run()
                // Per connection, and the driver's own busy handler spins without sleeping.
                try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(Self.sqliteLockWaitMilliseconds))").run()
                try await sql.raw("BEGIN IMMEDIATE").run()
            }
            return try await body(tx)
        }
    }

    /// How long a SQLite writer waits for another's transaction (a large import can take this).
    static var sqliteLockWaitMilliseconds: Int { 60_000 }
}
