import Accounts
import Audit
import Composition
import Divisions
import FluentKit
import Foundation
import NetworkCore
import ServiceNetwork
import SQLKit
@testable import Statistics
import StatisticsCore
import TestDatabases
import Testing
import XiangcunKit

struct PlainHasher: PasswordHashing {
    func hash(_ password: String) throws -> String { "p$" + password }
    func verify(_ password: String, against hash: String) throws -> Bool { hash == "p$" + password }
}

/// Rollups, the county cache and scoping on both engines.
@Suite("Statistics store (database)")
struct StatisticsStoreTests {
    let actor = AuditActor.cli("test")
    func month(_ text: String) throws -> Month { try #require(Month(text)) }

    func shop(_ m: String, _ name: String, _ platform: String, _ fen: Int64) throws -> ShopInput {
        ShopInput(month: try month(m), enterprise: name + "公司", shop: name, platform: platform, total: Money(fen: fen), farm: Money(fen: fen / 2))
    }

    @Test(arguments: Engine.all)
    func rollupsEqualARecomputationAfterInsertsEditsAndDeletes(_ engine: Engine) async throws {
        try await withTestStore(engine) { store in
            let db = store.db
            try await RetailService.replaceShops(county: "331123000000", rows: [
                try shop("2026-09", "遂昌土特产", "淘宝", 1_000), try shop("2026-09", "菇乡", "淘宝", 500), try shop("2026-09", "菇乡", "抖音", 300),
                try shop("2026-10", "遂昌土特产", "拼多多", 700),
            ], actor: actor, on: db)
            try await RetailService.replaceShops(county: "331124000000", rows: [try shop("2026-09", "松阳茶", "淘宝", 9_000)], actor: actor, on: db)
            var rollups = try await RetailRollups.stored(county: "331123000000", months: ["2026-09"], on: db)
            #expect(rollups.map(\.platform) == ["抖音", "淘宝"])
            #expect(rollups.first { $0.platform == "淘宝" }.map { ($0.shops, $0.totalFen) } ?? (0, 0) == (2, 1_500))
            #expect(try await StatisticsCheck.run(on: db).isEmpty)
            // An edit: the month's rows replaced.
            try await RetailService.replaceShops(county: "331123000000", rows: [try shop("2026-09", "菇乡", "淘宝", 800)], actor: actor, on: db)
            rollups = try await RetailRollups.stored(county: "331123000000", months: ["2026-09"], on: db)
            #expect(rollups.map { "\($0.platform) \($0.shops) \($0.totalFen)" } == ["淘宝 1 800"])
            // A delete of the last shop of a platform-month removes its rollup.
            let id = try #require(try await RetailShopRecord.query(on: db).filter(\.$month == "2026-10").first()?.id)
            #expect(try await RetailService.deleteShop(id, county: "331124000000", actor: actor, on: db) == false)
            #expect(try await RetailService.deleteShop(id, county: "331123000000", actor: actor, on: db))
            #expect(try await RetailRollups.stored(county: "331123000000", months: ["2026-10"], on: db).isEmpty)
            #expect(try await StatisticsCheck.run(on: db).isEmpty)
            // A raw write that bypasses the service is found by the check.
            try await (db as! any SQLDatabase).raw("UPDATE stats_retail_shops SET total_fen = 1 WHERE county_code = '331124000000'").run()
            let differences = try await StatisticsCheck.run(on: db)
            #expect(differences.count == 1 && differences[0].key == "331124000000 2026-09 淘宝")
        }
    }

    @Test(arguments: Engine.all)
    func aJumpNeedsConfirmationAndGrowthIsComputedFromTheMonths(_ engine: Engine) async throws {
        try await withTestStore(engine) { store in
            let db = store.db, county = try DivisionCode("331123")
            func figures(_ wan: Int64) -> RetailFigures { RetailFigures(total: Money(fen: wan * 1_000_000), physical: Money(fen: wan * 900_000), farm: Money(fen: wan * 300_000)) }
            #expect(try await RetailService.saveMonth(county: county.value, month: try month("2025-10"), figures: figures(100), confirmed: false, actor: actor, on: db) == .saved)
            #expect(try await RetailService.saveMonth(county: county.value, month: try month("2026-09"), figures: figures(110), confirmed: false, actor: actor, on: db) == .saved)
            let outcome = try await RetailService.saveMonth(county: county.value, month: try month("2026-10"), figures: figures(200), confirmed: false, actor: actor, on: db)
            guard case .needsConfirmation(let warnings) = outcome else { Issue.record("a jump of 82 % was saved unconfirmed"); return }
            #expect(warnings.count == 2)
            #expect(try await RetailQueries.month(county: county.value, month: try month("2026-10"), on: db) == nil)
            #expect(try await RetailService.saveMonth(county: county.value, month: try month("2026-10"), figures: figures(200), confirmed: true, actor: actor, on: db) == .saved)
            let values = try await RetailIndicators.all(county: county, day: try #require(Day("2026-11-15")), on: db)
            #expect(values["retail.yearOnYearPercent"] == 100)
            #expect(values["retail.totalFen"] == 200_000_000)
            // Another county sees none of it.
            #expect(try await RetailIndicators.all(county: try DivisionCode("331124"), day: try #require(Day("2026-11-15")), on: db).isEmpty)
            await #expect(throws: ValidationFailure.self) {
                try await RetailService.saveMonth(county: county.value, month: try month("2026-11"), figures: RetailFigures(total: Money(fen: 1), physical: Money(fen: 2), farm: Money(fen: 0)),
                                                  confirmed: true, actor: actor, on: db)
            }
            #expect(try await AuditEntry.query(on: db).filter(\.$entity == "retailMonth").count() == 3)
        }
    }

    @Test(arguments: Engine.all)
    func aCachedFigureChangesImmediatelyAfterAWriteAndOnlyForItsCounty(_ engine: Engine) async throws {
        try await withTestStore(engine) { store in
            let db = store.db, county = try DivisionCode("331123"), today = Day.today()
            _ = try await DemoCounty.load(on: db, hasher: PlainHasher())
            let before = try await CachedFigures.coverage(county: county, asOf: today, on: db)
            #expect(before == (try await NetworkQueries.coverage(county: county, asOf: today, on: db)))
            // The second read is the cached one and equal.
            #expect(try await CachedFigures.coverage(county: county, asOf: today, on: db) == before)
            let station = try #require(try await Facility.query(on: db).filter(\.$countyCode == county.value)
                .filter(\.$type == FacilityType.villageStation.rawValue).filter(\.$status == FacilityStatus.operating.rawValue).first())
            let otherVersion = try await CountyVersions.current("330102000000", on: db)
            try await NetworkService.changeStatus(station, to: .closed, on: today, note: "测试", actor: actor, on: db)
            let after = try await CachedFigures.coverage(county: county, asOf: today, on: db)
            #expect(after.count(.villageStation, .operating) == before.count(.villageStation, .operating) - 1)
            #expect(after == (try await NetworkQueries.coverage(county: county, asOf: today, on: db)))
            let live = try await LiveIndicators.values(county: county.value, asOf: today, on: db)
            #expect(live["network.villageStationsOperating"] == Decimal(after.count(.villageStation, .operating)))
            #expect(try await CountyVersions.current("330102000000", on: db) == otherVersion)
            // A write that bypasses every service (raw SQL) bumps the version too: it is the database's trigger.
            let version = try await CountyVersions.current(county.value, on: db)
            try await (db as! any SQLDatabase).raw("DELETE FROM network_status_history WHERE facility_id = \(bind: try station.requireID())").run()
            #expect(try await CountyVersions.current(county.value, on: db) > version)
        }
    }

    /// Values kept in memory are used only at the version (and inputs) they were computed at,
    /// and only once keeping is switched on (the server; never in a process with several databases).
    @Test func keptValuesFollowTheCountyVersionAndTheirInputs() {
        let off = CountyCache.Decoded()
        let slot = CountyCache.Decoded.Slot(county: "331123000000", kind: "test", key: "k")
        off.store(slot, version: 1, 42)
        #expect((off.value(slot, version: 1) as Int?) == nil, "nothing is kept while keeping is off")
        let kept = CountyCache.Decoded(enabled: true)
        kept.store(slot, version: 1, 42)
        #expect((kept.value(slot, version: 1) as Int?) == 42)
        #expect((kept.value(slot, version: 2) as Int?) == nil, "a newer version makes the kept value stale")
        var rendered = 0
        func page(_ inputs: String, at v: Int64) -> Int { kept.memo(slot, version: v, inputs: inputs) { rendered += 1; return rendered } }
        #expect(page("a=1", at: 5) == 1)
        #expect(page("a=1", at: 5) == 1)
        #expect(page("a=2", at: 5) == 2, "changed live figures")
        #expect(page("a=2", at: 6) == 3, "a newer version")
        #expect(page("a=2", at: 6) == 3)
    }

    @Test(arguments: Engine.all)
    func aProvinceSeesOnlyItsCounties(_ engine: Engine) async throws {
        try await withTestStore(engine) { store in
            let db = store.db
            for code in ["331123", "331124", "320102"] {
                _ = try await DivisionImporter.importRows(try BuiltinDivisions.county(code), actor: actor, on: db)
                let f = RetailFigures(total: Money(fen: 5_000_000), physical: Money(fen: 4_000_000), farm: Money(fen: 1_000_000))
                _ = try await RetailService.saveMonth(county: code + "000000", month: try month("2026-10"), figures: f, confirmed: true, actor: actor, on: db)
            }
            let rows = try await ProvinceStatistics.rows(province: try DivisionCode("33"), day: try #require(Day("2026-11-02")), on: db)
            #expect(rows.compactMap(\.county.id) == ["331123000000", "331124000000"])
            #expect(rows.allSatisfy { $0.value("retail.yearToDateWan") == 5 })
            #expect(AccessScope.province(try DivisionCode("33")).contains(county: "320102000000") == false)
        }
    }
}
