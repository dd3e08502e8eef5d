import FluentKit
import Foundation
import Logistics
import Logging
import LogisticsCore
import NIOCore
import NIOPosix
import SQLKit
import TestDatabases
import Testing
import XiangcunKit

/// Scanners and carriers' systems post at the same time, through different connections: every
/// batch must succeed (no "database is locked", no deadlock), and a waybill sent in two
/// overlapping batches is created once, in one of them.
@Suite struct ConcurrentIngestTests {
    /// One database handle per event loop: the server's requests spread the same way, and on
    /// SQLite each loop has its own connection.
    func handles(_ databases: Databases) -> [any Database] {
        MultiThreadedEventLoopGroup.singleton.makeIterator().compactMap { databases.database(logger: Logger(label: "test"), on: $0) }
    }

    @Test(arguments: Engine.all) func overlappingBatchesFromManyClients(_ engine: Engine) async throws {
        try await withTestStore(engine) { session in
            let county = try await seedCounty(session.db)
            let (village, _, _) = try await villageWithStation(county, session.db)
            let dbs = handles(session.databases)
            let clients = 8, perClient = 250
            // Client k sends its own 250 waybills and the first 50 of client k+1's.
            let waybills = { (k: Int) in (0..<perClient).map { String(format: "74%02d%010d", k % clients, $0) } }
            let batches = (0..<clients).map { k in waybills(k) + waybills(k + 1).prefix(50) }
            let parcelReplies = try await withThrowingTaskGroup(of: [IngestResult].self) { group in
                for (k, batch) in batches.enumerated() {
                    group.addTask { try await ParcelIngest.ingest(batch.map { parcel($0, village: village) }, county: county, actor: actor, on: dbs[k % dbs.count]) }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            let created = parcelReplies.filter { $0.outcome == .created }.map(\.waybill)
            #expect(created.count == clients * perClient)
            #expect(Set(created).count == created.count)
            #expect(parcelReplies.filter { $0.outcome == .duplicate }.count == clients * 50)

            let scanReplies = try await withThrowingTaskGroup(of: [ScanResult].self) { group in
                for (k, batch) in batches.enumerated() {
                    group.addTask { try await ScanRecorder.record(batch.map { ScanInput(waybill: $0, kind: "sorted") }, county: county, actor: actor, on: dbs[k % dbs.count]) }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            let sorted = scanReplies.filter { $0.outcome == .created }.map(\.waybill)
            #expect(sorted.count == clients * perClient && Set(sorted).count == sorted.count)
            #expect(try await Parcel.query(on: session.db).count() == clients * perClient)
            #expect(try await scanCount(session.db) == 2 * clients * perClient)
            let rows = try await DailyRollup.rows(county: county.value, from: "2000-01-01", to: "2100-01-01", on: session.db)
            #expect(rows.map { $0["received"] }.reduce(0, +) == Int64(clients * perClient))
            #expect(rows.map { $0["sorted"] }.reduce(0, +) == Int64(clients * perClient))
            guard let sql = session.db as? any SQLDatabase else { throw TestEnvironmentError(description: "not SQL") }
            #expect(try await StationDays.differences(on: sql).isEmpty)
        }
    }
}
