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
    ///
    /// Writers of this process also queue in `SQLiteWriteGate` first: SQLite's own wait sleeps
    /// 1, 2, 5 … 100 ms between tries, so under load the lock sat free while writers slept.
    /// Do not call it, from inside, on another handle than `tx` (it would wait for itself).
    public func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard !inTransaction else { return try await body(self) }
        guard let sql = self as? any SQLDatabase, sql.dialect.name == "sqlite" else { return try await transaction(body) }
        await SQLiteWriteGate.shared.enter()
        do {
            let result = try await transaction { tx in
                guard let sql = tx as? any SQLDatabase else { return try await body(tx) }
                // Nothing has run in Fluent's deferred transaction yet: end it and begin again,
                // immediate. Fluent's own COMMIT or ROLLBACK then ends this one.
                try await sql.raw("COMMIT").run()
                for pragma in SQLiteSettings.perConnection { try await sql.raw(SQLQueryString(pragma)).run() }
                try await sql.raw("BEGIN IMMEDIATE").run()
                return try await body(tx)
            }
            await SQLiteWriteGate.shared.leave()
            return result
        } catch {
            await SQLiteWriteGate.shared.leave()
            throw error
        }
    }
}

/// One SQLite write transaction of this process at a time, the others waiting in order and
/// woken the moment it ends. (One gate for the process: a process works on one SQLite file,
/// except tests and benchmarks, where queueing across files costs only time.)
public actor SQLiteWriteGate {
    public static let shared = SQLiteWriteGate()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        guard busy else { busy = true; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the gate to the first waiting, or opens it.
    func leave() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}

/// SQLite settings that hold per connection, not per file. The server has a connection per
/// event loop and the driver gives no hook when it opens one, so they are set again before each
/// write transaction (three statements of microseconds).
public enum SQLiteSettings {
    public static let perConnection = [
        // Wait, sleeping, for another writer up to a minute (a large import takes this long);
        // the driver's own busy handler retries without sleeping.
        "PRAGMA busy_timeout = 60000",
        // In WAL mode a commit then writes the log without waiting for the disk; a power cut can
        // lose the last commits but never corrupts the file.
        "PRAGMA synchronous = NORMAL",
        // 64 MB of pages per connection (the default is 2 MB): a county's parcel and scan
        // indexes are tens of MB, and each batch touches pages all over them.
        "PRAGMA cache_size = -65536",
    ]
}
