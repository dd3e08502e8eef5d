import Accounts
import Composition
import FluentKit
import Foundation
import Programme
import ServiceNetwork
import TestDatabases
import Testing
import Vapor
import VaporTesting
import XiangcunKit
@testable import Web

/// Every role lands on a page that is theirs: what waits for them, one tap away.
@Suite("Home page per role")
struct HomeTests {
    @Test(arguments: Engine.all)
    func eachRoleSeesWhatWaitsForThem(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await TwoCounties.load(app)
            let county = "331123000000"
            // A station whose record for the month just ended is missing.
            let station = try #require(try await AccountService.findByUsername("station", on: app.db))
            let facility = try #require(try await NetworkQueries.operatorFacility(userID: try station.requireID(), county: try DivisionCode("331123"), on: app.db))
            let month = Day.today().monthKey.previous.text
            try await OperatingRecord.query(on: app.db).filter(\.$facilityID == (try facility.requireID())).filter(\.$month == month).delete()
            let operatorHome = try await signedIn(app, "station").get("/")
            #expect(operatorHome.body.string.contains("填报 \(month) 月运营月报"))
            #expect(operatorHome.body.string.contains("href=\"/network/facilities/\(try facility.requireID().uuidString)/records?month=\(month)\""))
            // The contractor reports; the auditor sees it waiting, returns it; the contractor sees why.
            let training = try #require(try await TargetRecord.query(on: app.db).filter(\.$countyCode == county).filter(\.$unit == "人次").first())
            let contractor = try await signedIn(app, "contractor")
            _ = try await contractor.get("/programme/tasks")
            #expect(try await contractor.postMultipart("/programme/targets/\(try training.requireID())/progress",
                                                       fields: ["asOf": "2021-12-20", "actual": "2100"], file: ("file", "p.png", pngBytes)).status == .seeOther)
            let auditor = try await signedIn(app, "auditor")
            #expect(try await auditor.get("/").body.string.contains("份进度报告待核实"))
            let report = try #require(try await ProgressRecord.query(on: app.db).filter(\.$targetCode == training.code).filter(\.$status == "submitted").first())
            _ = try await auditor.get("/programme/progress")
            _ = try await auditor.post("/programme/progress/\(try report.requireID())/review", ["decision": "return", "comment": "照片看不清"])
            let contractorHome = try await contractor.get("/").body.string
            #expect(contractorHome.contains("1 份进度报告被退回"))
            #expect(contractorHome.contains("审核意见：照片看不清"))
            #expect(!contractorHome.contains("待审批"), "a contractor approves nothing")
            // The county administrator sees payments waiting for approval.
            let pending = try #require(try await DisbursementRecord.query(on: app.db).filter(\.$countyCode == county).first())
            pending.status = "pending"
            try await pending.save(on: app.db)
            #expect(try await signedIn(app, "suichang").get("/").body.string.contains("1 笔资金拨付待审批"))
        }
    }

    @Test(arguments: Engine.all)
    func provinceViewersSeeTheirCountiesAndNeverA404(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await TwoCounties.load(app)
            let province = try await signedIn(app, "zhejiang")
            let home = try await province.get("/").body.string
            #expect(home.contains("本省各示范县"))
            #expect(home.contains("遂昌县电子商务进农村综合示范"))
            #expect(home.contains("href=\"/county?county=331123000000\""))
            // A county page before choosing a county: back home to choose, not 404.
            let programme = try await province.get("/programme")
            #expect(programme.status == .seeOther)
            #expect(programme.headers.first(name: .location) == "/?flash=flash.pickCounty")
            #expect(try await province.get("/?flash=flash.pickCounty").body.string.contains("请先在下方选择要查看的县"))
            // The API keeps answering 404 without county=.
            #expect(try await province.get("/api/v1/programme").status == .notFound)
            #expect(try await province.get("/county?county=331123000000").status == .seeOther)
            #expect(try await province.get("/programme").status == .ok)
        }
    }

    @Test(arguments: Engine.all)
    func anEmptyCountySaysWhatToImportFirst(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await TwoCounties.load(app)
            let home = try await signedIn(app, "songyang").get("/").body.string
            #expect(home.contains("本县还没有业务数据"))
            #expect(home.contains("href=\"/programme/import\""))
            #expect(!(try await signedIn(app, "suichang").get("/").body.string.contains("本县还没有业务数据")))
        }
    }

    func signedIn(_ app: Application, _ user: String) async throws -> TestClient {
        let client = TestClient(app)
        try await client.login(user)
        return client
    }
}
