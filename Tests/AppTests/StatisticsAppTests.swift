import Composition
import Documents
import FluentKit
import Foundation
import Statistics
import StatisticsCore
import TestDatabases
import Testing
import Vapor
import VaporTesting
import XiangcunKit
@testable import Web

/// 统计监测 through the pages and the API, on both engines: scoping by county and province,
/// the form's checks, and a figure that changes as soon as it is written.
@Suite("Statistics pages")
struct StatisticsAppTests {
    @Test(arguments: Engine.all)
    func aCountySeesOnlyItsNumbersAndAProvinceOnlyItsCounties(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await TwoCounties.load(app)
            let month = Day.today().monthKey.previous
            let shop = try #require(try await RetailShopRecord.query(on: app.db).filter(\.$countyCode == "331123000000").filter(\.$month == month.text).first())
            let other = TestClient(app)
            try await other.login("songyang")
            let page = try await other.get("/statistics/retail/shops?month=" + month.text)
            #expect(page.status == .ok)
            #expect(!page.body.string.contains(shop.shop))
            #expect(try await other.post("/statistics/retail/shops/\(try shop.requireID().uuidString)/delete", [:]).status == .notFound)
            let api = try await other.get("/api/v1/statistics/retail?from=2020-01")
            #expect(api.status == .ok)
            let items = try #require(try JSONSerialization.jsonObject(with: Data(api.body.string.utf8)) as? [String: Any])["items"] as? [[String: Any]]
            #expect(items?.isEmpty == false && items?.allSatisfy { $0["county"] as? String == "331124000000" } == true)
            #expect(try await other.get("/statistics/province").status == .forbidden)

            let province = TestClient(app)
            try await province.login("zhejiang")
            let start = try await province.get("/statistics")
            #expect(start.status == .seeOther || start.status == .found)
            let overview = try await province.get("/statistics/province")
            #expect(overview.status == .ok)
            #expect(overview.body.string.contains("遂昌县") && overview.body.string.contains("松阳县"))
            #expect(overview.body.string.contains("<svg"))
            #expect(try await province.post("/statistics/retail/month", ["month": month.text, "total": "1", "physical": "1", "farm": "1"]).status == .forbidden)

            let county = TestClient(app)
            try await county.login("suichang")
            #expect(try await county.get("/statistics/retail/shops?month=" + month.text).body.string.contains(shop.shop))
            #expect(try await county.post("/statistics/retail/shops/\(try shop.requireID().uuidString)/delete", [:]).status == .seeOther)
            #expect(try await RetailShopRecord.find(shop.id, on: app.db) == nil)
            #expect(try await StatisticsCheck.run(on: app.db).isEmpty)
        }
    }

    @Test(arguments: Engine.all)
    func theFormNamesBadFieldsAsksToConfirmJumpsAndTheDashboardShowsTheNewFigureAtOnce(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let client = TestClient(app)
            try await client.login("suichang")
            _ = try await client.get("/statistics/retail/month")
            let month = Day.today().monthKey.text
            let bad = try await client.post("/statistics/retail/month", ["month": month, "total": "abc", "physical": "10", "farm": "20"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("f-total"))
            let over = try await client.post("/statistics/retail/month", ["month": month, "total": "10", "physical": "11", "farm": "2"])
            #expect(over.status == .unprocessableEntity)
            let jump = try await client.post("/statistics/retail/month", ["month": month, "total": "99999", "physical": "90000", "farm": "20000"])
            #expect(jump.status == .ok && jump.body.string.contains("±50%"))
            #expect(try await RetailQueries.month(county: "331123000000", month: Day.today().monthKey, on: app.db) == nil)
            let saved = try await client.post("/statistics/retail/month", ["month": month, "total": "99999", "physical": "90000", "farm": "20000", "confirmed": "1"])
            #expect(saved.status == .seeOther)
            let api = try await client.get("/api/v1/statistics")
            #expect(api.status == .ok)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(api.body.string.utf8)) as? [String: Any])
            let indicators = try #require(body["indicators"] as? [[String: Any]])
            #expect(indicators.first { $0["key"] as? String == "retail.monthWan" }?["value"] as? String == "99999")
            let wall = try await client.get("/statistics/wall")
            #expect(wall.status == .ok && wall.body.string.contains("http-equiv=\"refresh\"") && !wall.body.string.contains("src=\"http") && !wall.body.string.contains("href=\"http"))
            let export = try await client.get("/statistics/pivot.xlsx?indicator=retail.monthWan&from=\(Day.today().monthKey.previous.text)&to=\(month)")
            #expect(export.status == .ok)
            let sheet = try XLSX.read(Data(buffer: export.body)).sheets.first
            // The title row, the header, the county.
            #expect(sheet?.rows.count == 3)
            #expect(sheet?.rows.last?.value(column: 4)?.decimal == 99999)
        }
    }
}
