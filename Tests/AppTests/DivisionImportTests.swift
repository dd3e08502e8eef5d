import Composition
import Audit
import Divisions
import FluentKit
import Foundation
import ServiceNetwork
import TestDatabases
import Testing
import Vapor
import VaporTesting
import XiangcunKit
@testable import Web

@Suite("Division import")
struct DivisionImportTests {
    @Test func badRowsAreReportedWithLineNumbers() throws {
        let csv = "code,name,urbanRuralClass\n331123102201,甲村,220\n33112310220X,乙村,220\n331123102202,,220\n331123102201,丙村,220\n331123102203,丁村,999\n"
        #expect(throws: DivisionImportFailed.self) { try DivisionFiles.parse(Data(csv.utf8), encoding: "auto") }
        do { _ = try DivisionFiles.parse(Data(csv.utf8), encoding: "auto") } catch let failed as DivisionImportFailed {
            #expect(failed.errors.map(\.line) == [3, 4, 5, 6])
            #expect(failed.errors[2].message.contains("repeats line 2"))
            #expect(failed.errors[3].message.contains("999"))
        }
    }

    @Test func gb18030AndBOMFilesAreRead() throws {
        let text = "331123102201,新路湾镇示例村,220\n"
        guard let gb = text.data(using: String.Encoding(rawValue: 0x8000_0632)) else { Issue.record("no GB18030 encoder"); return }
        #expect(gb != Data(text.utf8), "the GB18030 bytes differ from UTF-8")
        #expect(try DivisionFiles.parse(gb, encoding: "auto").first?.name == "新路湾镇示例村")
        #expect(try DivisionFiles.parse(gb, encoding: "gb18030").first?.name == "新路湾镇示例村")
        let bom = Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
        #expect(try DivisionFiles.parse(bom, encoding: "auto").first?.code.value == "331123102201")
        #expect(throws: DivisionImportFailed.self) { try DivisionFiles.parse(gb, encoding: "utf8") }
    }

    @Test(arguments: Engine.all)
    func nothingIsHalfImportedWhenAParentIsMissing(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            let rows = try DivisionFiles.parse(Data("330000000000,浙江省\n331123102201,孤村\n".utf8), encoding: "auto")
            await #expect(throws: DivisionImportFailed.self) { try await DivisionImporter.importRows(rows, actor: .cli(), on: app.db) }
            #expect(try await Division.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: Engine.all)
    func reimportRenamesAndDeactivatesButNeverDeletes(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            // A newer list of 新路湾镇's villages: one renamed, one kept, the rest gone.
            let newer = "331123102201,新路湾镇新名村,220\n331123102202,新路湾镇示例村02,220\n331123102299,新路湾镇新设村,220\n"
            let rows = try DivisionFiles.parse(Data(newer.utf8), encoding: "auto")
            let report = try await DivisionImporter.importRows(rows, actor: .cli("test"), on: app.db)
            #expect(report.renamed == 1)
            #expect(report.unchanged == 1)
            #expect(report.added == 1)
            let before = try await Division.query(on: app.db).filter(\.$parentCode == "331123102000").count()
            #expect(report.deactivated == before - 3)
            // The list's history: coverage yesterday counts the old villages, today the new list.
            let county = try DivisionCode("331123")
            let today = Day.today(), yesterday = Day(ordinal: Day.today().ordinal - 1)
            #expect(try await Division.find("331123102203", on: app.db)?.delistedOn == today.iso)
            #expect(try await Division.find("331123102299", on: app.db)?.listedFrom == today.iso)
            #expect(try await Division.find("331123102202", on: app.db)?.listedFrom == nil)
            func villages(_ day: Day) async throws -> Set<String> {
                Set(try await NetworkQueries.units(county: county, asOf: day, on: app.db).villages.map(\.code).filter { $0.hasPrefix("331123102") })
            }
            let then = try await villages(yesterday), now = try await villages(today)
            #expect(then.contains("331123102203") && !then.contains("331123102299"))
            #expect(!now.contains("331123102203") && now.contains("331123102299") && now.count == 3)
            #expect(try await NetworkQueries.coverage(county: county, asOf: yesterday, on: app.db).townships.first { $0.code == "331123102000" }?.villages == before - 1)
            #expect(try await Division.find("331123102201", on: app.db)?.name == "新路湾镇新名村")
            #expect(try await Division.find("331123102203", on: app.db)?.active == false)
            #expect(try await Division.find("331123102203", on: app.db) != nil, "history is kept")
            // The old name survives in the audit trail.
            let renamed = try await AuditEntry.query(on: app.db).filter(\.$entityID == "331123102201").all()
            #expect(renamed.contains { AuditLog.decode($0.oldValues)["name"] == "新路湾镇示例村01" })
            // Other townships are untouched.
            #expect(try await DivisionQueries.count(level: .township, inCounty: try DivisionCode("331123"), on: app.db) == 20)
        }
    }

    @Test(arguments: Engine.all)
    func theBuiltinNBSListsImport(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            let rows = try BuiltinDivisions.country()
            let report = try await DivisionImporter.importRows(rows, actor: .cli("test"), on: app.db)
            // 东莞市, 中山市 and 儋州市 have no counties: counties.csv repeats them with the city's own code.
            #expect(report.added == 31 + 342 + 2978 - 3)
            #expect(try await Division.query(on: app.db).filter(\.$level == DivisionLevel.province.rawValue).count() == 31)
            #expect(try await Division.query(on: app.db).filter(\.$level == DivisionLevel.city.rawValue).count() == 342)
            #expect(try await Division.query(on: app.db).filter(\.$level == DivisionLevel.county.rawValue).count() == 2978 - 3)
            #expect(try await Division.find("331123000000", on: app.db)?.name == "遂昌县")
            #expect(try await Division.find("110000000000", on: app.db)?.level == DivisionLevel.province.rawValue)
            #expect(try await Division.find("441900000000", on: app.db)?.name == "东莞市")
            // The same list again changes nothing.
            let again = try await DivisionImporter.importRows(rows, actor: .cli("test"), on: app.db)
            #expect(again.added == 0 && again.renamed == 0 && again.deactivated == 0 && again.unchanged == rows.count)
            // One county's townships on top: only they are new.
            let suichang = try await DivisionImporter.importRows(try BuiltinDivisions.county("331123"), actor: .cli("test"), on: app.db)
            #expect(suichang.added == 20 && suichang.deactivated == 0)
            #expect(try await DivisionQueries.count(level: .township, inCounty: try DivisionCode("331123"), on: app.db) == 20)
        }
    }

    /// One county's rows name every unit beside it, so importing it leaves its neighbours active.
    @Test func aBuiltinCountyCarriesItsAncestorsAndTheirWholeLevels() throws {
        let rows = try BuiltinDivisions.county("360982")
        let byLevel = Dictionary(grouping: rows, by: \.code.level)
        #expect(byLevel[.province]?.map(\.name) == ["江西省"])
        #expect(byLevel[.city]?.count == 11)
        #expect(byLevel[.county]?.count == 10)
        #expect(byLevel[.county]?.contains { $0.code.value == "360982000000" && $0.name == "樟树市" } == true)
        #expect(byLevel[.township]?.count == 22)
        #expect(byLevel[.township]?.allSatisfy { $0.code.county?.value == "360982000000" } == true)
        #expect(rows.count == 1 + 11 + 10 + 22)
        #expect(try BuiltinDivisions.county("360982000000") == rows, "the full 12 digits work too")
        let bad = #expect(throws: BuiltinDivisions.Failure.self) { try BuiltinDivisions.county("36098") }
        #expect(bad?.description.hasPrefix("36098 is not a division code") == true, "\(String(describing: bad))")
        for (code, failure) in [("3609", BuiltinDivisions.Failure.notACounty("3609")), ("441900", .notACounty("441900")),
                                ("360982001", .notACounty("360982001")), ("360999", .unknownCounty("360999"))] {
            #expect(throws: failure) { try BuiltinDivisions.county(code) }
        }
    }

    @Test(arguments: Engine.all)
    func uploadThroughTheWebShowsRejectedLines(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let client = TestClient(app)
            try await client.login("suichang")
            _ = try await client.get("/divisions/import")
            let bad = try await client.postMultipart("/divisions/import", fields: ["encoding": "auto"],
                                                     file: ("file", "v.csv", Data("331123102290,好村,220\nabc,坏村\n".utf8)))
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("第 2 行"))
            #expect(try await Division.find("331123102290", on: app.db) == nil)
            let outside = try await client.postMultipart("/divisions/import", fields: [:], file: ("file", "v.csv", Data("110101001000,东华门街道\n".utf8)))
            #expect(outside.status == .unprocessableEntity)
            let good = try await client.postMultipart("/divisions/import", fields: ["encoding": "utf8"],
                                                      file: ("file", "v.csv", Data("331123102290,好村,220\n".utf8)))
            #expect(good.status == .ok)
            #expect(try await Division.find("331123102290", on: app.db)?.name == "好村")
        }
    }
}
