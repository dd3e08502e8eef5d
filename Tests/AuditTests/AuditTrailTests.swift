import Audit
import FluentKit
import Foundation
import SQLKit
import TestDatabases
import Testing

/// The audit trail at the database level, on both engines.
@Suite("Audit trail (database)")
struct AuditTrailTests {
    @Test(arguments: Engine.all)
    func theDatabaseRefusesToChangeOrDeleteAuditEntries(_ engine: Engine) async throws {
        try await withTestStore(engine) { store in
            let db = store.db
            try await AuditLog.record(on: db, actor: .cli("test"), action: .create, entity: "thing", entityID: "1", county: "331123000000", new: ["a": "1"])
            let sql = try #require(db as? any SQLDatabase)
            await #expect(throws: (any Error).self) { try await sql.raw("UPDATE audit_entries SET actor_name = 'mallory'").run() }
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM audit_entries").run() }
            #expect(try await AuditEntry.query(on: db).count() == 1)
            #expect(try await AuditEntry.query(on: db).first()?.actorName == "test")
        }
    }

    @Test(arguments: Engine.all)
    func recordChangesKeepsOnlyChangedFields(_ engine: Engine) async throws {
        try await withTestStore(engine) { store in
            let db = store.db
            try await AuditLog.recordChanges(on: db, actor: .cli(), entity: "x", entityID: "1", county: nil,
                                             old: ["a": "1", "b": "2"], new: ["a": "1", "b": "3"])
            try await AuditLog.recordChanges(on: db, actor: .cli(), entity: "x", entityID: "1", county: nil,
                                             old: ["a": "1"], new: ["a": "1"])
            let all = try await AuditEntry.query(on: db).all()
            #expect(all.count == 1)
            #expect(AuditLog.decode(all.first?.oldValues) == ["b": "2"])
            #expect(AuditLog.decode(all.first?.newValues) == ["b": "3"])
        }
    }

    /// Filters combine, counties never leak into each other, pages are stable and newest first.
    @Test(arguments: Engine.all)
    func queriesFilterByCountyActorActionAndTimeAndPage(_ engine: Engine) async throws {
        try await withTestStore(engine) { store in
            let db = store.db
            let t0 = Date(timeIntervalSince1970: 1_700_000_000)
            for i in 0..<25 {
                let county = i % 5 == 0 ? "331124000000" : "331123000000"
                try await AuditLog.record(on: db, actor: AuditActor(userID: nil, name: i % 2 == 0 ? "li" : "wang", address: "10.0.0.\(i)"),
                                          action: i % 3 == 0 ? .update : .create, entity: "thing", entityID: "\(i)", county: county,
                                          at: t0.addingTimeInterval(Double(i) * 3600))
            }
            let suichang = AuditFilter(counties: ["331123000000"])
            let (first, total) = try await AuditQuery.page(suichang, page: 1, per: 7, on: db)
            #expect(total == 20)
            #expect(first.map(\.entityID) == ["24", "23", "22", "21", "19", "18", "17"])
            let (last, _) = try await AuditQuery.page(suichang, page: 3, per: 7, on: db)
            #expect(last.count == 6)
            #expect(try await AuditQuery.page(suichang, page: 100_000, per: 500, on: db).entries.isEmpty)
            let narrowed = AuditFilter(counties: ["331123000000"], actor: "li", action: .update,
                                       from: t0.addingTimeInterval(3600), to: t0.addingTimeInterval(19 * 3600))
            #expect(try await AuditQuery.all(narrowed, on: db).map(\.entityID) == ["18", "12", "6"])
            #expect(try await AuditQuery.all(AuditFilter(counties: nil), on: db).count == 25)
        }
    }
}
