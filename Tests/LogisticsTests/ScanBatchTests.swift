import FluentKit
import Foundation
@testable import Logistics
import LogisticsCore
import SQLKit
import TestDatabases
import Testing
import XiangcunKit

/// A scan batch prepared from a read made before the write lock (SQLite) is written only while
/// every parcel is still as read; otherwise nothing of it stays and the batch is done again.
@Suite struct ScanBatchTests {
    func statuses(_ waybills: [String], _ db: any Database) async throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try await Parcel.query(on: db).filter(\.$waybill ~~ waybills).all().map { ($0.waybill, $0.status) })
    }

    @Test(arguments: Engine.all) func aBatchPreparedBeforeAnotherMovedItsParcelsIsNotWritten(_ engine: Engine) async throws {
        try await withTestStore(engine) { session in
            let db = session.db
            let county = try await seedCounty(db)
            let (village, _, _) = try await villageWithStation(county, db)
            let waybills = (0..<30).map { String(format: "75%012d", $0) }
            _ = try await ParcelIngest.ingest(waybills.map { parcel($0, village: village) }, county: county, actor: actor, on: db)
            let now = Date()
            // Read while every parcel is `received`...
            let ready = try await ScanBatch.plan(waybills.map { ScanInput(waybill: $0, kind: "sorted") }, county: county, actor: actor,
                                                 station: nil, on: db, now: now).assumingAllNew()
            #expect(ready.expectedScans == 30 && ready.expectedUpdates == 30)
            // ...then one parcel moves on before the batch is written.
            let moved = try await ScanRecorder.record([ScanInput(waybill: waybills[7], kind: "lost")], county: county, actor: actor, on: db)
            #expect(moved.first?.outcome == .created)
            let scansBefore = try await scanCount(db)
            // The status is no longer as read: nothing is written, on both engines.
            await #expect(throws: ScanBatch.Stale.self) {
                try await db.transaction { tx in _ = try await ready.commitIfCurrent(on: tx) }
            }
            // Rolled back whole: no scan of it, no status changed, no rollup count.
            #expect(try await scanCount(db) == scansBefore)
            let now2 = try await statuses(waybills, db)
            #expect(now2[waybills[7]] == "lost")
            #expect(now2.filter { $0.value == "sorted" }.isEmpty)
            let sorted = try await DailyRollup.rows(county: county.value, from: "2000-01-01", to: "2100-01-01", on: db).map { $0["sorted"] }.reduce(0, +)
            #expect(sorted == 0)
            // Done again from the current state: the lost parcel's scan is refused, the rest sorted.
            let replies = try await ScanRecorder.record(waybills.map { ScanInput(waybill: $0, kind: "sorted") }, county: county, actor: actor, on: db)
            #expect(replies.filter { $0.outcome == .created }.count == 29)
            #expect(replies[7].outcome == .rejected && replies[7].errors?["kind"] == "logistics.error.closed")
            #expect(try await statuses(waybills, db).values.filter { $0 == "sorted" }.count == 29)
        }
    }

    @Test(arguments: Engine.all) func aScanRecordedMeanwhileMakesTheBatchStaleAndIsAnsweredDuplicate(_ engine: Engine) async throws {
        try await withTestStore(engine) { session in
            let db = session.db
            let county = try await seedCounty(db)
            let (village, _, _) = try await villageWithStation(county, db)
            let waybills = (0..<10).map { String(format: "76%012d", $0) }
            _ = try await ParcelIngest.ingest(waybills.map { parcel($0, village: village) }, county: county, actor: actor, on: db)
            let items = waybills.map { ScanInput(waybill: $0, kind: "sorted") }
            let ready = try await ScanBatch.plan(items, county: county, actor: actor, station: nil, on: db, now: Date()).assumingAllNew()
            _ = try await ScanRecorder.record(Array(items.prefix(3)), county: county, actor: actor, on: db)
            // SQLite counts the rows written; PostgreSQL's plain INSERT meets the recorded scan.
            let stale = await #expect(throws: (any Error).self) {
                try await db.transaction { tx in _ = try await ready.commitIfCurrent(on: tx) }
            }
            #expect(stale.map(ScanBatch.isStale) == true)
            #expect((stale is ScanBatch.Stale) == (engine == .sqlite))
            let replies = try await ScanRecorder.record(items, county: county, actor: actor, on: db)
            #expect(replies.map(\.outcome) == Array(repeating: .duplicate, count: 3) + Array(repeating: .created, count: 7))
            #expect(try await scanCount(db) == 20)
            let sorted = try await DailyRollup.rows(county: county.value, from: "2000-01-01", to: "2100-01-01", on: db).map { $0["sorted"] }.reduce(0, +)
            #expect(sorted == 10)
        }
    }

    @Test(arguments: Engine.all) func anIntakeBatchPartlyKnownCreatesOnlyTheNewWaybills(_ engine: Engine) async throws {
        try await withTestStore(engine) { session in
            let db = session.db
            let county = try await seedCounty(db)
            let (village, _, _) = try await villageWithStation(county, db)
            let waybills = (0..<40).map { String(format: "77%012d", $0) }
            let first = try await ParcelIngest.ingest(waybills.enumerated().filter { $0.offset % 2 == 0 }.map { parcel($0.element, village: village) },
                                                      county: county, actor: actor, on: db)
            #expect(first.allSatisfy { $0.outcome == .created })
            let second = try await ParcelIngest.ingest(waybills.map { parcel($0, village: village) }, county: county, actor: actor, on: db)
            #expect(second.map(\.outcome) == waybills.indices.map { $0 % 2 == 0 ? .duplicate : .created })
            #expect(try await Parcel.query(on: db).filter(\.$waybill ~~ waybills).count() == 40)
            #expect(try await scanCount(db) == 40)
            let received = try await DailyRollup.rows(county: county.value, from: "2000-01-01", to: "2100-01-01", on: db).map { $0["received"] }.reduce(0, +)
            #expect(received == 40)
        }
    }
}

/// The station pages' queries use the indexes built for them (SQLite's plan names the index).
@Suite struct StationIndexTests {
    @Test func waitingParcelsAndAStationsListReadTheirIndexes() async throws {
        try await withTestStore(.sqlite) { session in
            let sql = try #require(session.db as? any SQLDatabase)
            func plan(_ query: String) async throws -> String {
                try await sql.raw(SQLQueryString("EXPLAIN QUERY PLAN " + query)).all().compactMap { try? $0.decode(column: "detail", as: String.self) }.joined(separator: " | ")
            }
            let waiting = try await plan("SELECT * FROM logistics_parcels WHERE station_id = 'x' AND \(IndexWaitingParcels.waitingFilter) ORDER BY arrived_at DESC LIMIT 20")
            #expect(waiting.contains("logistics_parcels_waiting"), "\(waiting)")
            let list = try await plan("SELECT * FROM logistics_parcels WHERE county_code = 'c' AND station_id = 'x' ORDER BY received_at DESC LIMIT 20")
            #expect(list.contains("logistics_parcels_station") && !list.contains("TEMP B-TREE"), "\(list)")
        }
    }

    /// No index names the status, so on PostgreSQL a scan's status change is a heap-only update:
    /// no new entry in the parcels' five indexes.
    @Test(.enabled(if: Engine.all.contains(.postgres), "needs PostgreSQL (./scripts/test starts one)"))
    func aScansStatusChangeIsAHeapOnlyUpdateOnPostgreSQL() async throws {
        try await withTestStore(.postgres) { session in
            let db = session.db
            let county = try await seedCounty(db)
            let (village, _, _) = try await villageWithStation(county, db)
            let waybills = (0..<200).map { String(format: "78%012d", $0) }
            _ = try await ParcelIngest.ingest(waybills.map { parcel($0, village: village) }, county: county, actor: actor, on: db)
            let counts = try await db.transaction { tx in
                _ = try await ScanRecorder.recordInTransaction(waybills.map { ScanInput(waybill: $0, kind: "sorted") }, county: county, actor: actor,
                                                               station: nil, on: tx, now: Date())
                let row = try await (tx as? any SQLDatabase)?.raw(
                    "SELECT n_tup_upd AS updated, n_tup_hot_upd AS hot FROM pg_stat_xact_user_tables WHERE relname = 'logistics_parcels'").first()
                return [try row?.decode(column: "updated", as: Int.self) ?? 0, try row?.decode(column: "hot", as: Int.self) ?? 0]
            }
            #expect(counts[0] == 200)
            #expect(counts[1] >= 190, "heap-only updates: \(counts[1]) of \(counts[0])")
        }
    }
}
