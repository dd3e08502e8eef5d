import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import XiangcunKit

/// One value of a bulk statement.
public enum BulkValue: Sendable, Equatable {
    case text(String), int(Int), bool(Bool), uuid(UUID), date(Date), null
}

/// A multi-row statement of the ingest path, built as SQL text with its binds in the engine's
/// own form, and run on the driver directly.
///
/// Why not SQLKit here: a batch of 2,000 parcels is 46,000 values. Through SQLKit each one is
/// an expression serialized in the transaction, then encoded through `Encodable` (a UUID on
/// SQLite goes through a generic encoder to become text), and each returned row is decoded
/// column by name. Here the text and binds are made before the transaction where they can be,
/// values are stored exactly as SQLKit stores them (SQLite: UUID as its text, Date as seconds,
/// Bool as 0/1; PostgreSQL: uuid, timestamptz, boolean, bigint), and rows are read by position.
public struct BulkStatement: Sendable {
    public enum Engine: Sendable { case sqlite, postgres }

    enum Binds: Sendable { case sqlite([SQLiteData]), postgres(PostgresBindings) }

    public let sql: String
    let binds: Binds

    public static func engine(of db: any Database) -> Engine {
        (db as? any SQLDatabase)?.dialect.name == "sqlite" ? .sqlite : .postgres
    }

    /// `INSERT INTO table (columns) VALUES (…), (…)` then `tail` (ON CONFLICT, RETURNING).
    public static func insert(_ engine: Engine, into table: String, columns: [String], rows: some Collection<[BulkValue]>,
                              tail: String = "") -> BulkStatement {
        var b = Builder(engine)
        b.sql = "INSERT INTO \(quoted(table)) (" + columns.map(quoted).joined(separator: ", ") + ") "
        if engine == .sqlite || !b.unnest(rows, width: columns.count) { b.values(rows) }
        b.sql += tail
        return b.statement
    }

    public static func quoted(_ name: String) -> String { "\"" + name + "\"" }

    /// The SQLSTATE of a PostgreSQL error (nil for any other error).
    static func sqlState(_ error: any Error) -> String? { (error as? PSQLError)?.serverInfo?[.sqlState] }

    /// A PostgreSQL unique violation (SQLSTATE 23505): a plain INSERT met a row that exists.
    public static func isUniqueViolation(_ error: any Error) -> Bool { sqlState(error) == "23505" }

    /// PostgreSQL ended this transaction to break a deadlock (SQLSTATE 40P01).
    public static func isDeadlock(_ error: any Error) -> Bool { sqlState(error) == "40P01" }

    /// Runs it on `db` (inside a transaction: on its connection).
    public func run(on db: any Database) async throws { try await execute(on: db) { _ in } }

    /// Runs it and returns what `read` makes of each returned row (rows it makes nil of are left out).
    public func rows<T: Sendable>(on db: any Database, _ read: @escaping @Sendable (BulkRow) -> T?) async throws -> [T] {
        let collected = Collected<T>()
        try await execute(on: db) { row in if let value = read(row) { collected.append(value) } }
        return collected.values
    }

    /// Runs an INSERT or UPDATE without a RETURNING clause and returns how many rows it wrote.
    /// SQLite: its `changes()`, read on the same connection (call it inside a transaction);
    /// PostgreSQL: the count in the command's completion tag ("UPDATE 2000"). A `RETURNING 1`
    /// instead sent a row back per row written: 80,000 rows per `bench ingest` run to decode.
    public func changedRows(on db: any Database) async throws -> Int {
        guard case .sqlite = binds else { return try await execute(on: db) { _ in } ?? 0 }
        try await run(on: db)
        return try await BulkStatement(sql: "SELECT changes()", binds: .sqlite([])).rows(on: db) { $0.int(0) }.first ?? 0
    }

    /// Runs it, hands each returned row to `onRow`; on PostgreSQL returns the rows the command
    /// wrote or read (its completion tag), on SQLite nil.
    /// PostgreSQL rows come through the driver's callback, on the connection's event loop: an
    /// async sequence would suspend and resume once per row.
    @discardableResult
    func execute(on db: any Database, _ onRow: @escaping @Sendable (BulkRow) -> Void) async throws -> Int? {
        switch binds {
        case .sqlite(let binds):
            guard let lite = db as? any SQLiteDatabase else { throw BulkStatementError.engine }
            try await lite.query(sql, binds) { onRow(BulkRow(sqlite: $0)) }
            return nil
        case .postgres(let binds):
            guard let pg = db as? any PostgresDatabase else { throw BulkStatementError.engine }
            let query = PostgresQuery(unsafeSQL: sql, binds: binds)
            let logger = pg.logger
            let metadata = try await pg.withConnection { connection in
                connection.query(query, logger: logger) { row in onRow(BulkRow(postgres: row)) }
            }.get()
            return metadata.rows
        }
    }

    /// SQL text and binds, appended in order.
    public struct Builder {
        let engine: Engine
        public var sql = ""
        var lite: [SQLiteData] = []
        var pg = PostgresBindings()

        public init(_ engine: Engine) { self.engine = engine }

        /// `(v, v, …)`
        public mutating func list(_ values: some Collection<BulkValue>) {
            sql += "("
            for (i, value) in values.enumerated() {
                if i > 0 { sql += ", " }
                add(value)
            }
            sql += ")"
        }

        /// `VALUES (v, …), (v, …)`
        public mutating func values(_ rows: some Collection<[BulkValue]>) {
            sql += "VALUES "
            for (r, row) in rows.enumerated() {
                if r > 0 { sql += ", " }
                list(row)
            }
        }

        /// The rows as a table `v` with columns `column1`, `column2` … (SQLite's names for a
        /// VALUES list's columns): `(VALUES …) AS v`, or on PostgreSQL the arrays `unnest`ed.
        public mutating func table(_ rows: some Collection<[BulkValue]>, width: Int) {
            sql += "("
            if engine == .sqlite || !unnest(rows, width: width) { values(rows) }
            sql += ") AS v"
            if engine == .postgres { sql += "(" + (1...max(1, width)).map { "column\($0)" }.joined(separator: ", ") + ")" }
        }

        /// ` IN (v, v, …)`; on PostgreSQL ` = ANY($n)` with the values as one array: the statement
        /// is then parsed and planned as one value, not thousands (a fifth of a scan batch's
        /// server time went to parsing and planning its IN lists).
        public mutating func isIn(texts: [String]) {
            guard engine == .postgres else { sql += " IN "; list(texts.map { .text($0) }); return }
            pg.append(texts)
            sql += " = ANY($\(pg.count))"
        }

        /// As `isIn(texts:)`, for UUIDs.
        public mutating func isIn(uuids: [UUID]) {
            guard engine == .postgres else { sql += " IN "; list(uuids.map { .uuid($0) }); return }
            pg.append(uuids)
            sql += " = ANY($\(pg.count))"
        }

        /// A placeholder for the value (NULL is written as such).
        public mutating func add(_ value: BulkValue) {
            if case .null = value { sql += "NULL"; return }
            switch engine {
            case .sqlite:
                lite.append(Self.sqlite(value))
                sql += "?"
            case .postgres:
                bind(postgres: value)
                sql += "$\(pg.count)"
            }
        }

        /// Adds a value to PostgreSQL's binds (NULL: nothing); it is then `$\(pg.count)`.
        mutating func bind(postgres value: BulkValue) {
            switch value {
            case .text(let s): pg.append(s)
            case .int(let i): pg.append(i)
            case .bool(let b): pg.append(b)
            case .uuid(let u): pg.append(u)
            case .date(let d): pg.append(d)
            case .null: break
            }
        }

        /// As SQLiteKit's encoder stores them, so rows written either way read the same.
        static func sqlite(_ value: BulkValue) -> SQLiteData {
            switch value {
            case .text(let s): return .text(s)
            case .int(let i): return .integer(i)
            case .bool(let b): return .integer(b ? 1 : 0)
            case .uuid(let u): return .text(u.text)
            case .date(let d): return .float(d.timeIntervalSince1970)
            case .null: return .null
            }
        }

        public var statement: BulkStatement {
            BulkStatement(sql: sql, binds: engine == .sqlite ? .sqlite(lite) : .postgres(pg))
        }
    }
}

enum BulkStatementError: Error { case engine }

/// Values gathered as the driver hands rows over (from its own thread).
final class Collected<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var gathered: [T] = []

    func append(_ value: T) { lock.withLock { gathered.append(value) } }
    var values: [T] { lock.withLock { gathered } }
}

/// A returned row, read by position.
public struct BulkRow: Sendable {
    enum Storage: Sendable { case sqlite(SQLiteRow), postgres(PostgresRandomAccessRow) }
    let storage: Storage

    init(sqlite row: SQLiteRow) { storage = .sqlite(row) }
    init(postgres row: PostgresRow) { storage = .postgres(row.makeRandomAccess()) }

    public func text(_ i: Int) -> String? {
        switch storage {
        case .sqlite(let row): return row.columns[i].data.string
        case .postgres(let row):
            // A text column's bytes are its UTF-8 in either format: read as they are (the
            // driver's generic decoding was most of reading a batch's parcels).
            let cell = row[i]
            guard cell.dataType == .text || cell.dataType == .varchar else { return try? cell.decode(String?.self) }
            return cell.bytes.map { String(buffer: $0) }
        }
    }

    public func uuid(_ i: Int) -> UUID? {
        switch storage {
        case .sqlite(let row): return row.columns[i].data.string.flatMap { UUID(text: $0) }
        case .postgres(let row): return try? row[i].decode(UUID?.self)
        }
    }

    /// A UUID column as its text (SQLite stores that text; no parsing).
    public func uuidText(_ i: Int) -> String? {
        switch storage {
        case .sqlite(let row): return row.columns[i].data.string
        case .postgres(let row): return (try? row[i].decode(UUID?.self))??.text
        }
    }

    public func int(_ i: Int) -> Int? {
        switch storage {
        case .sqlite(let row): return row.columns[i].data.integer
        case .postgres(let row): return try? row[i].decode(Int?.self)
        }
    }
}
