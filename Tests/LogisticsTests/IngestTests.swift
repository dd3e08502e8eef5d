import Audit
import Divisions
import FluentKit
import Foundation
import Logistics
import LogisticsCore
import SQLKit
import ServiceNetwork
import TestDatabases
import Testing
import XiangcunKit

/// The demo county's divisions and network: what sorting needs.
func seedCounty(_ db: any Database) async throws -> DivisionCode {
    let rows = try DivisionFiles.parse(try DivisionData.demoCounty(), encoding: "utf8")
    _ = try await DivisionImporter.importRows(rows, actor: .cli("test"), on: db)
    let county = try DivisionCode("331123000000")
    _ = try await NetworkDemo.load(county: county, on: db)
    return county
}

/// A village that has a village station, and that station.
func villageWithStation(_ county: DivisionCode, _ db: any Database) async throws -> (village: String, name: String, station: UUID) {
    let plan = try await LogisticsSetup.sortingPlan(county: county, on: db)
    let stations = try await LogisticsSetup.stations(county: county, on: db).filter { $0.facilityType == .villageStation }
    let names = try await NetworkQueries.divisionNames(county: county, on: db)
    for s in stations {
        guard let id = s.id, plan.stationOfVillage[s.divisionCode] == id, let name = names[s.divisionCode] else { continue }
        let short = SortingPlan.shortName(name)
        if plan.villagesNamed[short]?.count == 1 { return (s.divisionCode, short, id) }
    }
    throw TestEnvironmentError(description: "no village station in the demo network")
}

let actor = AuditActor.cli("test")

func parcel(_ waybill: String, village: String? = nil, address: String? = nil, phone: String = "13812345678") -> ParcelInput {
    ParcelInput(waybill: waybill, carrier: "zto", villageCode: village, address: address, recipientName: "张三", recipientPhone: phone, weightGrams: 1200)
}

func scanCount(_ db: any Database) async throws -> Int { try await ScanEvent.query(on: db).count() }

@Suite struct IngestTests {
    @Test(arguments: Engine.all) func resendingABatchDuplicatesNothing(_ engine: Engine) async throws {
        try await withTestStore(engine) { session in
            let db = session.db
            let county = try await seedCounty(db)
            let (village, _, station) = try await villageWithStation(county, db)
            let batch = (0..<1200).map { parcel(String(format: "730000%08d", $0), village: village) }
                + [ParcelInput(waybill: "x", carrier: "zto"), parcel("73000000000001", village: village)]
            let first = try await ParcelIngest.ingest(batch, county: county, actor: actor, on: db)
            #expect(first.filter { $0.outcome == .created }.count == 1200)
            #expect(first[1200].outcome == .rejected && first[1200].errors?["waybill"] == "logistics.error.waybill")
            #expect(first[1201].outcome == .duplicate)
            #expect(first[0].station == station)
            let scans = try await scanCount(db)
            #expect(scans == 1200)
            let again = try await ParcelIngest.ingest(batch, county: county, actor: actor, on: db)
            #expect(again.filter { $0.outcome == .created }.isEmpty)
            #expect(again.filter { $0.outcome == .duplicate }.count == 1201)
            #expect(try await Parcel.query(on: db).count() == 1200)
            #expect(try await scanCount(db) == scans)
            let received = try await DailyRollup.rows(county: county.value, from: "2000-01-01", to: "2100-01-01", on: db).map { $0["received"] }.reduce(0, +)
            #expect(received == 1200)
            // The station-day sums (what the indicators read) follow the rollup, resend included.
            #expect(try await StationDays.differences(on: db as! any SQLDatabase).isEmpty)
            let summed = try await (db as! any SQLDatabase).raw("SELECT CAST(SUM(received) AS BIGINT) AS n FROM logistics_station_days").first()
            #expect(try summed?.decode(column: "n", as: Int64.self) == 1200)
        }
    }

    @Test(arguments: Engine.all) func scansIssueACodeThatHandsTheParcelOver(_ engine: Engine) async throws {
        try await withTestStore(engine) { session in
            let db = session.db
            let county = try await seedCounty(db)
            let (village, _, station) = try await villageWithStation(county, db)
            _ = try await ParcelIngest.ingest([parcel("73111111111111", village: village, phone: "13900001234")], county: county, actor: actor, on: db)
            let steps = ["sorted", "loaded", "arrivedStation"].map { ScanInput(waybill: "73111111111111", kind: $0) }
            let results = try await ScanRecorder.record(steps, county: county, actor: actor, on: db)
            #expect(results.allSatisfy { $0.outcome == .created })
            let code = try #require(results[2].pickupCode)
            // Resent: nothing new, the same code.
            let resent = try await ScanRecorder.record(steps, county: county, actor: actor, on: db)
            #expect(resent.allSatisfy { $0.outcome == .duplicate } && resent[2].pickupCode == code)
            #expect(try await scanCount(db) == 4)
            let loads = try await LogisticsLoads.stationLoads(county: county, day: .today(), on: db)
            #expect(loads[station]?.inboundParcels == 1 && loads[station]?.inboundGrams == 1200)
            // Another station's operator cannot hand it over; a wrong code names the field.
            await #expect(throws: ValidationFailure.self) { try await StationDesk.pickUp(code: code, station: UUID(), county: county, actor: actor, on: db) }
            do { _ = try await StationDesk.pickUp(code: "000000" == code ? "111111" : "000000", station: station, county: county, actor: actor, on: db) }
            catch let f as ValidationFailure { #expect(f.fields["code"] == "logistics.error.codeUnknown") }
            let handed = try await StationDesk.pickUp(code: code, station: station, county: county, actor: actor, on: db)
            #expect(handed.status == "pickedUp" && handed.pickedUpAt != nil)
            let timeline = try await ParcelQueries.timeline(of: handed, on: db).map(\.kind)
            #expect(timeline == ["received", "sorted", "loaded", "arrivedStation", "pickedUp"])
            // Closed: a late scan is refused with its reason.
            let late = try await ScanRecorder.record([ScanInput(waybill: "73111111111111", kind: "lost")], county: county, actor: actor, on: db)
            #expect(late[0].errors?["kind"] == "logistics.error.closed")
            #expect(try await ParcelQueries.track(waybill: "73111111111111", last4: "1234", county: county, on: db) != nil)
            #expect(try await ParcelQueries.track(waybill: "73111111111111", last4: "4321", county: county, on: db) == nil)
        }
    }

    @Test(arguments: Engine.all) func exceptionsAreResolvedAndTeachAnAlias(_ engine: Engine) async throws {
        try await withTestStore(engine) { session in
            let db = session.db
            let county = try await seedCounty(db)
            let (_, name, station) = try await villageWithStation(county, db)
            let r = try await ParcelIngest.ingest([parcel("73222222222221", address: "遂昌县\(name)8号"),
                                                   parcel("73222222222222", address: "遂昌县金竹坑水电站宿舍")], county: county, actor: actor, on: db)
            #expect(r[0].station == station)
            #expect(r[1].station == nil)
            let queue = try await ParcelQueries.exceptions(county: county, page: 1, per: 20, on: db)
            #expect(queue.total == 1)
            let stuck = try #require(queue.items.first)
            await #expect(throws: ValidationFailure.self) {
                try await StationDesk.resolve(stuck, station: station, alias: "不在地址里", county: county, actor: actor, on: db)
            }
            let seenByAnother = try #require(try await ParcelQueries.parcel(stuck.requireID(), county: county, on: db))
            try await StationDesk.resolve(stuck, station: station, alias: "金竹坑水电站", county: county, actor: actor, on: db)
            #expect(try await ParcelQueries.exceptions(county: county, page: 1, per: 20, on: db).total == 0)
            // A second sorter resolving it from a page loaded before is told, and changes nothing.
            let other = try #require(try await LogisticsSetup.stations(county: county, on: db).compactMap(\.id).first { $0 != station })
            await #expect(throws: ValidationFailure(["station": "logistics.error.resolvedAlready"])) {
                try await StationDesk.resolve(seenByAnother, station: other, alias: "", county: county, actor: actor, on: db)
            }
            #expect(try await ParcelQueries.parcel(stuck.requireID(), county: county, on: db)?.stationID == station)
            let resolved = try await DailyRollup.rows(county: county.value, from: "2000-01-01", to: "2100-01-01", on: db).map { $0["resolved"] }.reduce(0, +)
            #expect(resolved == 1)
            let next = try await ParcelIngest.ingest([parcel("73222222222223", address: "金竹坑水电站 3 号楼")], county: county, actor: actor, on: db)
            #expect(next[0].station == station)
        }
    }
}

@Suite struct DemoTests {
    @Test(arguments: Engine.all) func theDemoIsConsistentAndLoadsOnce(_ engine: Engine) async throws {
        try await withTestStore(engine) { session in
            let db = session.db
            let county = try await seedCounty(db)
            let first = try await LogisticsDemo.load(county: county, days: 3, inboundPerDay: 300, outboundPerDay: 20, on: db)
            #expect(!first.skipped && first.parcels > 600 && first.scans > first.parcels)
            #expect(try await LogisticsDemo.load(county: county, days: 3, on: db).skipped)
            // Every timeline runs in the order a parcel passes the steps.
            let order = ScanKind.allCases.map(\.rawValue)
            for p in try await Parcel.query(on: db).filter(\.$direction == "inbound").range(0..<200).all() {
                let steps = try await ParcelQueries.timeline(of: p, on: db)
                let kinds = steps.map(\.kind)
                #expect(kinds == kinds.sorted { (order.firstIndex(of: $0) ?? 0) < (order.firstIndex(of: $1) ?? 0) }, "\(p.waybill)")
                #expect(kinds.last == p.status || p.exception)
            }
            // The rollup counts what the scans say.
            let rows = try await DailyRollup.rows(county: county.value, from: "2000-01-01", to: "2100-01-01", on: db)
            #expect(rows.map { $0["arrived"] }.reduce(0, +) == Int64(try await ScanEvent.query(on: db).filter(\.$kind == "arrivedStation").count()))
            #expect(rows.map { $0["received"] }.reduce(0, +) == Int64(try await Parcel.query(on: db).filter(\.$direction == "inbound").count()))
            // The front page's totals (summed by the database per day) equal the full report's.
            let to = Day.today(), from = to.adding(days: -6)
            let full = try await LogisticsStats.report(county: county, from: from, to: to, on: db)
            let totals = try await LogisticsStats.totals(county: county, from: from, to: to, on: db)
            #expect(totals.total.inbound == full.total.inbound && totals.total.outbound == full.total.outbound)
            #expect(totals.total.arrived == full.total.arrived && totals.total.pickedUp == full.total.pickedUp)
            #expect(totals.total.deliveryDays == full.total.deliveryDays && totals.total.transit == full.total.transit)
            #expect(totals.saving == full.saving && full.total.inbound > 0)
            // The demo's bulk SQL fills the station-day sums too, and a write around them is found.
            let sql = db as! any SQLDatabase
            #expect(try await StationDays.differences(on: sql).isEmpty)
            try await sql.raw("UPDATE logistics_station_days SET arrived = arrived + 1").run()
            #expect(!(try await StationDays.differences(on: sql).isEmpty))
        }
    }
}
