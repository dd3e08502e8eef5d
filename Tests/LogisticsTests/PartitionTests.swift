import FluentKit
import Foundation
import Logistics
import LogisticsCore
import SQLKit
import TestDatabases
import Testing
import XiangcunKit

/// PostgreSQL: scans are partitioned by county, then by month; the partitions exist before a
/// county's first scan, and a scan lands in its own. SQLite: one table, the same behaviour.
@Suite struct PartitionTests {
    @Test(arguments: Engine.all) func aCountysFirstScanLandsInItsOwnMonthPartition(_ engine: Engine) async throws {
        try await withTestStore(engine) { session in
            let db = session.db
            let sql = try #require(db as? any SQLDatabase)
            let county = try await seedCounty(db)
            let (village, _, _) = try await villageWithStation(county, db)
            let today = Day.today(), month = today.monthText
            let here = LogisticsPartitions.monthTable(county.value, month)
            let ahead = LogisticsPartitions.monthTable(county.value, Month(year: today.year, month: today.month).next.text)
            func exists(_ table: String) async throws -> Bool {
                try await sql.raw("SELECT to_regclass(\(bind: table)) IS NOT NULL AS present").first()?.decode(column: "present", as: Bool.self) ?? false
            }
            if engine == .postgres { #expect(try await !exists(here)) }
            // The county's first use creates its partitions: this month and the months ahead.
            _ = try await LogisticsSetup.carriers(county: county, on: db)
            if engine == .postgres {
                let present = (try await exists(here), try await exists(ahead))
                #expect(present.0 && present.1)
                #expect(try await exists(LogisticsPartitions.countyTable(county.value) + "_default"))
            }
            _ = try await ParcelIngest.ingest([parcel("73555555555551", village: village)], county: county, actor: actor, on: db)
            let sorted = try await ScanRecorder.record([ScanInput(waybill: "73555555555551", kind: "sorted")], county: county, actor: actor, on: db)
            #expect(sorted.first?.outcome == .created)
            #expect(try await scanCount(db) == 2)
            guard engine == .postgres else { return }
            let homes = try await sql.raw("SELECT tableoid::regclass::text AS home FROM logistics_scans").all().map { try $0.decode(column: "home", as: String.self) }
            #expect(homes == [here, here])
            // The timeline's query reads that partition only.
            let p = try #require(try await ParcelQueries.byWaybill(["73555555555551"], county: county, on: db).values.first)
            let plan = try await sql.raw("""
                EXPLAIN SELECT * FROM logistics_scans WHERE county_code = \(bind: county.value) AND month = \(bind: month) AND parcel_id = \(bind: try p.requireID())
                """).all().map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "\n")
            #expect(plan.contains(here) && !plan.contains("_default") && !plan.contains(ahead), "\(plan)")
            // The server's pass over every county creates the months that come into range.
            let later = try #require(Day("\(today.year + 1)-06-15"))
            let created = try await LogisticsPartitions.ensure(ahead: 0, today: later, on: db)
            #expect(created == [LogisticsPartitions.monthTable(county.value, "\(today.year + 1)-06")])
        }
    }
}
