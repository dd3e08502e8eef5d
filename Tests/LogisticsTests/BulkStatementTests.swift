import FluentKit
import Foundation
@testable import Logistics
import SQLKit
import TestDatabases
import Testing
import XiangcunKit

/// The bulk statements write every kind of value as SQLKit would, on both engines: on
/// PostgreSQL as one array per column (NULLs inside, a column NULL throughout, and a column
/// mixing kinds, which falls back to `VALUES`).
@Suite struct BulkStatementTests {
    @Test(arguments: Engine.all) func everyKindOfValueRoundTrips(_ engine: Engine) async throws {
        try await withTestStore(engine) { session in
            let sql = try #require(session.db as? any SQLDatabase)
            let types = engine == .postgres ? ["uuid", "BIGINT", "BOOLEAN", "TIMESTAMPTZ"] : ["TEXT", "INTEGER", "INTEGER", "REAL"]
            try await sql.raw(SQLQueryString("CREATE TABLE bulk_probe (id \(unsafeRaw: types[0]) PRIMARY KEY, t TEXT, n \(unsafeRaw: types[1]), b \(unsafeRaw: types[2]), at \(unsafeRaw: types[3]), none TEXT, mixed TEXT)")).run()
            let ids = (0..<3).map { _ in UUID.random() }
            let at = Date(timeIntervalSince1970: 1_764_000_000.25)
            let columns = ["id", "t", "n", "b", "at", "none", "mixed"]
            let typed: [[BulkValue]] = [
                [.uuid(ids[0]), .text("村 \"引号\" \\ 😀"), .int(-42), .bool(true), .date(at), .null, .text("a")],
                [.uuid(ids[1]), .null, .int(Int(Int32.max) + 1), .bool(false), .null, .null, .null],
                [.uuid(ids[2]), .text(""), .null, .null, .date(at.addingTimeInterval(1)), .null, .text("c")],
            ]
            let insert = BulkStatement.insert(BulkStatement.engine(of: session.db), into: "bulk_probe", columns: columns, rows: typed)
            #expect(insert.sql.contains("unnest") == (engine == .postgres))
            try await insert.run(on: session.db)
            // A column mixing kinds is written as VALUES on both engines.
            let mixed = BulkStatement.insert(BulkStatement.engine(of: session.db), into: "bulk_probe", columns: columns,
                                             rows: [[.uuid(UUID.random()), .text("m"), .int(1), .bool(true), .null, .null, .int(7)],
                                                    [.uuid(UUID.random()), .text("m"), .int(2), .bool(true), .null, .null, .text("x")]])
            #expect(!mixed.sql.contains("unnest") && mixed.sql.contains("VALUES"))
            try await mixed.run(on: session.db)

            let rows = try await sql.raw("SELECT * FROM bulk_probe").all()
            #expect(rows.count == 5)
            func row(_ id: UUID) throws -> any SQLRow {
                try #require(rows.first { (try? $0.decode(column: "id", as: UUID.self)) == id })
            }
            let first = try row(ids[0]), second = try row(ids[1]), third = try row(ids[2])
            #expect(try first.decode(column: "t", as: String.self) == "村 \"引号\" \\ 😀")
            #expect(try first.decode(column: "n", as: Int.self) == -42 && first.decode(column: "b", as: Bool.self))
            #expect(try first.decode(column: "at", as: Date.self) == at)
            #expect(try second.decode(column: "t", as: String?.self) == nil && second.decode(column: "n", as: Int.self) == Int(Int32.max) + 1)
            #expect(try second.decode(column: "at", as: Date?.self) == nil && !second.decode(column: "b", as: Bool.self))
            #expect(try third.decode(column: "t", as: String.self) == "" && third.decode(column: "n", as: Int?.self) == nil)
            #expect(try rows.allSatisfy { try $0.decode(column: "none", as: String?.self) == nil })
            #expect(try rows.compactMap { try $0.decode(column: "mixed", as: String?.self) }.sorted() == ["7", "a", "c", "x"])
        }
    }

    /// A column with one value in every row is bound once on PostgreSQL (a typed parameter, no
    /// array), also when it turns out to differ after a run of equal values or starts as NULLs; a
    /// single row still has an array to give the query its row; an UPDATE reads them as typed.
    @Test(arguments: Engine.all) func columnsWithOneValueAreBoundOnce(_ engine: Engine) async throws {
        try await withTestStore(engine) { session in
            let sql = try #require(session.db as? any SQLDatabase)
            let uuid = engine == .postgres ? "uuid" : "TEXT", int = engine == .postgres ? "BIGINT" : "INTEGER"
            try await sql.raw(SQLQueryString("CREATE TABLE bulk_same (id \(unsafeRaw: uuid) PRIMARY KEY, t TEXT, n \(unsafeRaw: int), late TEXT, none TEXT)")).run()
            let ids = (0..<4).map { _ in UUID.random() }
            let rows: [[BulkValue]] = ids.enumerated().map { i, id in
                [.uuid(id), .text("遂昌"), .int(5), i < 3 ? .null : .text("晚"), .null]
            }
            let db = session.db, bulk = BulkStatement.engine(of: db)
            let insert = BulkStatement.insert(bulk, into: "bulk_same", columns: ["id", "t", "n", "late", "none"], rows: rows)
            // Arrays for the id and the column that changed; the text and the number bound once.
            #expect(insert.sql.components(separatedBy: "[]").count - 1 == (engine == .postgres ? 2 : 0))
            try await insert.run(on: db)
            let one = UUID.random()
            try await BulkStatement.insert(bulk, into: "bulk_same", columns: ["id", "t", "n", "late", "none"],
                                           rows: [[.uuid(one), .text("单"), .int(1), .text("x"), .null]]).run(on: db)
            // The same text for every row, read as a typed column by an UPDATE.
            var b = BulkStatement.Builder(bulk)
            b.sql = "UPDATE bulk_same SET t = v.column2, n = v.column3 FROM "
            b.table(ids.map { [.uuid($0), .text("改"), .int(9)] }, width: 3)
            b.sql += " WHERE bulk_same.id = v.column1"
            #expect(try await b.statement.changedRows(on: db) == 4)
            let read = try await sql.raw("SELECT id, t, n, late, none FROM bulk_same").all()
            #expect(read.count == 5)
            for row in read {
                let id = try row.decode(column: "id", as: UUID.self)
                #expect(try row.decode(column: "none", as: String?.self) == nil)
                if id == one {
                    #expect(try row.decode(column: "t", as: String.self) == "单" && row.decode(column: "n", as: Int.self) == 1)
                } else {
                    #expect(try row.decode(column: "t", as: String.self) == "改" && row.decode(column: "n", as: Int.self) == 9)
                    #expect(try row.decode(column: "late", as: String?.self) == (id == ids[3] ? "晚" : nil))
                }
            }
        }
    }

    /// Two transactions taking two rows in opposite orders: PostgreSQL ends one of them, and a
    /// scan batch's optimistic write treats that end as a stale batch (done again, locked).
    @Test func aDeadlockIsAStaleBatchOnPostgreSQL() async throws {
        try await withTestStore(.postgres) { session in
            let sql = try #require(session.db as? any SQLDatabase)
            try await sql.raw("CREATE TABLE deadlock_probe (id INT PRIMARY KEY, v INT)").run()
            try await sql.raw("INSERT INTO deadlock_probe VALUES (1, 0), (2, 0)").run()
            // Each transaction takes its own connection from the pool (four per event loop).
            let dbs = [session.db, session.db]
            let both = Meeting()
            let outcomes = await withTaskGroup(of: (any Error)?.self) { group in
                for (k, db) in dbs.enumerated() {
                    group.addTask {
                        do {
                            try await db.transaction { tx in
                                let sql = tx as! any SQLDatabase
                                try await sql.raw("UPDATE deadlock_probe SET v = 1 WHERE id = \(bind: k + 1)").run()
                                await both.arrive()
                                try await sql.raw("UPDATE deadlock_probe SET v = 2 WHERE id = \(bind: 2 - k)").run()
                            }
                            return nil
                        } catch { return error }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let errors = outcomes.compactMap { $0 }
            #expect(errors.count == 1)
            #expect(errors.allSatisfy { BulkStatement.isDeadlock($0) && ScanBatch.isStale($0) && !BulkStatement.isUniqueViolation($0) })
        }
    }
}

/// Waits until both tasks have arrived.
actor Meeting {
    private var arrived = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func arrive() async {
        arrived += 1
        guard arrived < 2 else { waiting.forEach { $0.resume() }; waiting = []; return }
        await withCheckedContinuation { waiting.append($0) }
    }
}
