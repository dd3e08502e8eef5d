import Audit
import FluentKit
import SQLKit
import TestDatabases
import Foundation
import Testing

/// The gate SQLite writers and ingest batches queue in.
@Suite struct AsyncGateTests {
    actor Inside {
        var now = 0
        var most = 0
        func enter() { now += 1; most = max(most, now) }
        func leave() { now -= 1 }
    }

    struct Refused: Error {}

    @Test func neverMoreInsideThanItsCapacity() async throws {
        let gate = AsyncGate(capacity: 2), inside = Inside()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await gate.around {
                        await inside.enter()
                        try await Task.sleep(for: .milliseconds(3))
                        await inside.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(await inside.most == 2)
        #expect(await inside.now == 0)
        #expect(await gate.held > .zero)
    }

    @Test func aFailureInsideFreesItsPlace() async throws {
        let gate = AsyncGate(capacity: 1)
        await #expect(throws: Refused.self) { try await gate.around { throw Refused() } }
        // With the place not freed this would wait for ever.
        let value = try await gate.around { 7 }
        #expect(value == 7)
    }
}

/// Writes go through `writeTransaction`; Fluent's `transaction` begins deferred on SQLite and
/// fails under concurrent writers. Only code that is the database's sole writer may use it.
@Suite struct WriteTransactionRuleTests {
    /// Migrations (run before the server serves), the copy into an empty target database, and
    /// benchmark data generators; and `writeTransaction` itself.
    static let soleWriters: Set<String> = [
        "Audit/Database+Write.swift", "Storage/MigrationPlan.swift", "Logistics/PartitionScansByCounty.swift", "XiangcunCLI/MigrateDataCommand.swift",
        "XiangcunCLI/BenchDashboardCommand.swift", "Trace/SyntheticTraceData.swift",
    ]

    @Test func onlySoleWritersUseFluentsTransaction() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        guard let files = FileManager.default.enumerator(atPath: sources.path) else { throw CocoaError(.fileReadNoSuchFile) }
        var offenders: [String] = [], swiftFiles = 0
        for case let path as String in files where path.hasSuffix(".swift") {
            swiftFiles += 1
            let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
            if text.contains(".transaction {"), !Self.soleWriters.contains(path) { offenders.append(path) }
        }
        #expect(swiftFiles > 100)
        #expect(offenders.isEmpty, "use db.writeTransaction in: \(offenders.sorted())")
    }
}

/// On SQLite a write transaction runs on the file's writing connection: a read on the request's
/// own handle meanwhile neither waits for the commit nor sees what is not committed.
@Suite struct SQLiteWriterTests {
    struct TookTooLong: Error {}

    @Test func aReadDuringAWriteTransactionDoesNotWaitForIt() async throws {
        try await withTestStore(.sqlite) { session in
            let db = session.db
            let sql = try #require(db as? any SQLDatabase)
            try await sql.raw("CREATE TABLE probe (n INTEGER NOT NULL)").run()
            try await sql.raw("INSERT INTO probe VALUES (1)").run()
            let seen = try await db.writeTransaction { tx in
                try await (tx as? any SQLDatabase)?.raw("INSERT INTO probe VALUES (2)").run()
                // With the transaction on this handle's own connection this read waited for it
                // (a minute, then failed).
                return try await withThrowingTaskGroup(of: Int?.self) { group in
                    group.addTask { try await sql.raw("SELECT COUNT(*) AS n FROM probe").first()?.decode(column: "n", as: Int.self) }
                    group.addTask { try await Task.sleep(for: .seconds(10)); throw TookTooLong() }
                    defer { group.cancelAll() }
                    return try await group.next() ?? nil
                }
            }
            #expect(seen == 1)
            let after = try await sql.raw("SELECT COUNT(*) AS n FROM probe").first()?.decode(column: "n", as: Int.self)
            #expect(after == 2)
        }
    }
}
