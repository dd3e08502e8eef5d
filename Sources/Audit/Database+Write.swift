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
    /// Writers of this process also queue in `AsyncGate.sqliteWrites` first: SQLite's own wait sleeps
    /// 1, 2, 5 … 100 ms between tries, so under load the lock sat free while writers slept.
    /// On SQLite it runs on the file's writing connection (`SQLiteWithWriter`), so reads on the
    /// request's handle never wait for it; inside, use `tx` alone (a read on another handle sees
    /// the state before the transaction).
    public func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard !inTransaction else { return try await body(self) }
        guard let sql = self as? any SQLDatabase, sql.dialect.name == "sqlite" else { return try await transaction(body) }
        let writer = (context.configuration as? SQLiteWithWriter)?.writer(logger: logger) ?? self
        return try await AsyncGate.sqliteWrites.around {
            try await writer.transaction { tx in
                guard let sql = tx as? any SQLDatabase else { return try await body(tx) }
                // Nothing has run in Fluent's deferred transaction yet: end it and begin again,
                // immediate. Fluent's own COMMIT or ROLLBACK then ends this one.
                try await sql.raw("COMMIT").run()
                try await sql.raw("BEGIN IMMEDIATE").run()
                return try await body(tx)
            }
        }
    }
}

/// At most `capacity` holders at a time, the others waiting in order and woken the moment a
/// place frees.
public actor AsyncGate {
    /// One SQLite write transaction of this process at a time. (One gate for the process: a
    /// process works on one SQLite file, except tests and benchmarks, where queueing across
    /// files costs only time.)
    public static let sqliteWrites = AsyncGate(capacity: 1)

    let capacity: Int
    private var inside = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var since = ContinuousClock.now
    /// How long the gate was not empty, in all (benchmarks report it beside their wall time).
    public private(set) var held: Duration = .zero

    public init(capacity: Int) { self.capacity = max(1, capacity) }

    func enter() async {
        if inside < capacity {
            if inside == 0 { since = .now }
            inside += 1
        } else {
            // The place is handed over by `leave`, which keeps `inside` as it is.
            await withCheckedContinuation { waiting.append($0) }
        }
    }

    /// Hands the place to the first waiting, or frees it.
    func leave() {
        if !waiting.isEmpty { waiting.removeFirst().resume(); return }
        inside -= 1
        if inside == 0 { held += ContinuousClock.now - since }
    }

    /// Runs `body` holding a place.
    public func around<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await enter()
        do {
            let result = try await body()
            leave()
            return result
        } catch {
            leave()
            throw error
        }
    }
}

/// SQLite settings that hold per connection, not per file: set on each event loop's connection
/// when the database is opened (`Storage.tuneSQLite`). A connection the pool opened later (after
/// an error) lacks them: it works, with the driver's spinning wait and full syncs.
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
        // Checkpoint the log into the file every 40 MB of it, not every 4 MB: a page changed by
        // several batches in between is written once (the checkpoint runs in the committing
        // writer's time).
        "PRAGMA wal_autocheckpoint = 10000",
    ]
}
