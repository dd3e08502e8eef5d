import Divisions
import FluentKit
import Foundation
import TestDatabases
import Testing
import XiangcunKit

/// Division lists at the database level, on both engines: the day a list took effect, the
/// queries pages build on, and the built-in national lists.
@Suite("Divisions (database)")
struct DivisionsTests {
    func rows(_ csv: String) throws -> [DivisionRow] { try DivisionFiles.parse(Data(("code,name\n" + csv).utf8), encoding: "utf8") }

    /// A village a later list drops still counts before that list's day; one it adds counts only from then.
    @Test(arguments: Engine.all)
    func listsKeepTheirDay(_ engine: Engine) async throws {
        try await withTestStore(engine) { store in
            let db = store.db
            let first = try #require(Day("2024-01-01")), second = try #require(Day("2025-06-30"))
            _ = try await DivisionImporter.importRows(try BuiltinDivisions.county("331123"), effective: first, actor: .cli("test"), on: db)
            _ = try await DivisionImporter.importRows(try rows("331123102201,甲村,220\n331123102202,乙村,220\n"),
                                                      effective: first, actor: .cli("test"), on: db)
            let report = try await DivisionImporter.importRows(try rows("331123102201,甲村,220\n331123102203,丙村,220\n"),
                                                               effective: second, actor: .cli("test"), on: db)
            #expect(report.added == 1 && report.deactivated == 1)
            let dropped = try #require(try await Division.find("331123102202", on: db))
            let added = try #require(try await Division.find("331123102203", on: db))
            #expect(!dropped.active, "never deleted, only inactive")
            #expect(dropped.listed(on: try #require(Day("2025-06-29"))))
            #expect(!dropped.listed(on: second))
            #expect(!added.listed(on: try #require(Day("2025-06-29"))))
            #expect(added.listed(on: second))
            let listedBefore = try await DivisionQueries.children(of: try DivisionCode("331123102"), includeInactive: true, on: db)
                .filter { $0.listed(on: try #require(Day("2025-01-01"))) }.compactMap(\.id)
            #expect(listedBefore == ["331123102201", "331123102202"])
        }
    }

    @Test(arguments: Engine.all)
    func queriesWalkTheTree(_ engine: Engine) async throws {
        try await withTestStore(engine) { store in
            let db = store.db
            _ = try await DivisionImporter.importRows(try BuiltinDivisions.county("331123"), actor: .cli("test"), on: db)
            let county = try DivisionCode("331123")
            #expect(try await DivisionQueries.fullName(of: county, on: db) == "浙江省丽水市遂昌县")
            #expect(try await DivisionQueries.ancestry(of: county, on: db).map(\.name) == ["浙江省", "丽水市", "遂昌县"])
            let townships = try await DivisionQueries.children(of: county, on: db)
            #expect(townships.count == 20)
            #expect(townships.map(\.id) == townships.map(\.id).sorted(by: { ($0 ?? "") < ($1 ?? "") }))
            #expect(try await DivisionQueries.count(level: .township, inCounty: county, on: db) == 20)
            // The province's counties: the whole city of Lishui came with the county.
            let zhejiang = try await DivisionQueries.counties(inProvince: try DivisionCode("33"), on: db)
            #expect(zhejiang.count == 9)
            #expect(zhejiang.allSatisfy { $0.id?.hasPrefix("3311") == true })
            #expect(try await DivisionQueries.provinces(on: db).map(\.name) == ["浙江省"])
        }
    }
}
