import Accounts
import Audit
import Composition
import Divisions
import FluentKit
import Foundation
import Programme
import TestDatabases
import Testing
import Vapor
import VaporTesting
import XiangcunKit
@testable import Web

/// Flows an official can trust with public money: separation of duties in the service (forms
/// and API alike), the same date rule everywhere, and refused forms that keep the input.
@Suite("Trust: separation of duties, dates, forms")
struct TrustTests {
    func signedIn(_ app: Application, _ user: String) async throws -> TestClient {
        let client = TestClient(app)
        try await client.login(user)
        return client
    }

    func json(_ client: TestClient, _ method: HTTPMethod, _ path: String, _ body: String) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: "X-CSRF-Token", value: client.lastCSRF ?? "")
        return try await client.send(method, path, headers: headers, body: ByteBuffer(string: body))
    }

    @Test(arguments: Engine.all)
    func whoRecordsOrSubmitsCannotReviewUnlessTheCountySaysSoOnTheRecord(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let row = try await fundRowID(app, content: "深化电子扶贫体系")
            let admin = try await signedIn(app, "suichang")
            _ = try await admin.get("/programme/funds")
            // Recorded through the API, refused for its recorder through the API and the form.
            let created = try await json(admin, .POST, "/api/v1/programme/disbursements",
                                         #"{"fundRowID":"\#(row.uuidString)","date":"2021-12-03","amountYuan":"100000","tranche":"二期"}"#)
            #expect(created.status == .created)
            let d = try #require(try await DisbursementRecord.query(on: app.db).filter(\.$fundRowID == row).filter(\.$status == "pending").first())
            let apiReview = try await json(admin, .POST, "/api/v1/programme/disbursements/\(try d.requireID())/review", #"{"decision":"approve"}"#)
            #expect(apiReview.status == .unprocessableEntity)
            #expect(apiReview.body.string.contains("职责分离"))
            #expect(try await DisbursementRecord.find(d.id, on: app.db)?.status == "pending")
            // The funds page does not offer the recorder the buttons.
            #expect(try await admin.get("/programme/funds").body.string.contains("由您登记，须由另一位同事审批"))
            // A progress report the county submitted cannot be verified by the same account.
            let training = try #require(try await TargetRecord.query(on: app.db).filter(\.$countyCode == "331123000000").filter(\.$unit == "人次").first())
            _ = try await json(admin, .POST, "/api/v1/programme/progress", #"{"targetID":"\#(try training.requireID().uuidString)","asOf":"2021-12-20","actual":"2100"}"#)
            let report = try #require(try await ProgressRecord.query(on: app.db).filter(\.$targetCode == training.code).filter(\.$status == "submitted").first())
            _ = try await admin.get("/programme/progress")
            let own = try await admin.post("/programme/progress/\(try report.requireID())/review", ["decision": "verify"])
            #expect(own.headers.first(name: .location)?.hasSuffix("flash=flash.review.self") == true)
            #expect(try await ProgressRecord.find(report.id, on: app.db)?.status == "submitted")
            // A one-person office may allow it: a reason is required, and the choice is audited.
            _ = try await admin.get("/programme/funds")
            #expect(try await admin.post("/programme/review-settings", ["allowed": "on", "reason": ""]).status == .unprocessableEntity)
            #expect(try await admin.post("/programme/review-settings", ["allowed": "on", "reason": "本县商务局仅一名专职人员"]).status == .seeOther)
            let setting = try await AuditEntry.query(on: app.db).filter(\.$entity == ReviewSettingRecord.schema).all()
            #expect(setting.count == 1 && AuditLog.decode(setting.first?.newValues)["reason"] == "本县商务局仅一名专职人员")
            _ = try await admin.get("/programme/funds")
            #expect(try await admin.post("/programme/disbursements/\(try d.requireID())/review", ["decision": "approve"]).status == .seeOther)
            #expect(try await DisbursementRecord.find(d.id, on: app.db)?.status == "approved")
        }
    }

    @Test(arguments: Engine.all)
    func factsCannotBeDatedInTheFutureAnywhereAndRefusedFormsKeepTheirInput(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let row = try await fundRowID(app, content: "深化电子扶贫体系")
            let future = Day.today().adding(days: 1).iso
            let admin = try await signedIn(app, "suichang")
            _ = try await admin.get("/programme/funds")
            let form = try await admin.post("/programme/disbursements", ["fundRowID": row.uuidString, "date": future, "amountWanYuan": "1", "tranche": "二期"])
            #expect(form.status == .unprocessableEntity)
            #expect(form.body.string.contains("不能晚于今天"))
            let api = try await json(admin, .POST, "/api/v1/programme/disbursements",
                                     #"{"fundRowID":"\#(row.uuidString)","date":"\#(future)","amountYuan":"100","tranche":"二期"}"#)
            #expect(api.status == .unprocessableEntity)
            #expect(api.body.string.contains("不能晚于今天"))
            // The progress form answers its own page: every reason next to its field, input kept.
            let training = try #require(try await TargetRecord.query(on: app.db).filter(\.$countyCode == "331123000000").filter(\.$unit == "人次").first())
            let contractor = try await signedIn(app, "contractor")
            _ = try await contractor.get("/programme/tasks")
            for (asOf, actual, reason) in [(future, "2100", "不能晚于今天"), ("2021-02-30", "2100", "不是有效日期"), ("2021-12-20", "-3", "应为不小于 0 的数字"),
                                           ("2021-12-20", "1e3", "不用科学计数法")] {
                let r = try await contractor.postMultipart("/programme/targets/\(try training.requireID())/progress",
                                                           fields: ["asOf": asOf, "actual": actual, "narrative": "第一行\r\n第二行"], file: ("file", "p.png", pngBytes))
                #expect(r.status == .unprocessableEntity, "\(asOf) \(actual)")
                #expect(r.body.string.contains(reason), "\(asOf) \(actual)")
                #expect(r.body.string.contains("value=\"\(actual)\""), "the form keeps what was typed")
                #expect(r.body.string.contains("<details open"), "the refused form is open")
            }
            let badFile = try await contractor.postMultipart("/programme/targets/\(try training.requireID())/progress",
                                                             fields: ["asOf": "2021-12-20", "actual": "2100"], file: ("file", "photo.png", Data("not an image".utf8)))
            #expect(badFile.status == .unprocessableEntity)
            #expect(badFile.body.string.contains("error-summary"))
            #expect(try await ProgressRecord.query(on: app.db).filter(\.$targetCode == training.code).filter(\.$status == "submitted").count() == 0)
            // Line breaks of every kind are kept as line breaks.
            _ = try await contractor.postMultipart("/programme/targets/\(try training.requireID())/progress",
                                                   fields: ["asOf": "2021-12-20", "actual": "2100", "narrative": "第一行\r\n第二行\u{0B}第三行"], file: ("file", "p.png", pngBytes))
            let saved = try #require(try await ProgressRecord.query(on: app.db).filter(\.$targetCode == training.code).filter(\.$status == "submitted").first())
            #expect(saved.narrative == "第一行\n第二行\n第三行")
        }
    }
}

extension TrustTests {
    @Test(arguments: Engine.all)
    func reviewersSeeTheTargetAndNamesAreCleanAndEmptyCountiesSayWhy(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            // The auditor's queue: the target's value and a link to its task.
            let training = try #require(try await TargetRecord.query(on: app.db).filter(\.$countyCode == "331123000000").filter(\.$unit == "人次").first())
            let task = try #require(try await TaskRecord.query(on: app.db).filter(\.$countyCode == "331123000000").filter(\.$code == training.taskCode).first())
            let contractor = try await signedIn(app, "contractor")
            _ = try await contractor.get("/programme/tasks")
            _ = try await contractor.postMultipart("/programme/targets/\(try training.requireID())/progress",
                                                   fields: ["asOf": "2021-12-20", "actual": "2100"], file: ("file", "p.png", pngBytes))
            let queue = try await signedIn(app, "auditor").get("/programme/progress?status=submitted").body.string
            #expect(queue.contains("href=\"/programme/tasks/\(try task.requireID().uuidString)\""))
            #expect(queue.contains("目标值 \(training.value) 人次"))
            // A service name of control characters is refused by the API and the form alike.
            let admin = try await signedIn(app, "suichang")
            _ = try await admin.get("/network/services")
            let api = try await json(admin, .POST, "/api/v1/network/services", #"{"name":"\u0001\u0002"}"#)
            #expect(api.status == .unprocessableEntity)
            #expect(api.body.string.contains("控制字符"))
            #expect(try await admin.post("/network/services", ["name": "代收\u{0B}代寄"]).status == .unprocessableEntity)
            // A county without a village list says so instead of "all villages covered".
            _ = try await DivisionImporter.importRows(try BuiltinDivisions.county("331125"), actor: .cli("test"), on: app.db)
            _ = try await AccountService.create(NewUser(username: "yunhe", displayName: "云和县商务局", password: DemoCounty.password, role: .countyAdmin,
                                                        scopeCode: "331125000000"), hasher: app.passwordHasher, actor: .cli("test"), creatorScope: .everything, on: app.db)
            let overview = try await signedIn(app, "yunhe").get("/network").body.string
            #expect(overview.contains("本县尚未导入行政村名单"))
            #expect(!overview.contains("所有行政村均已覆盖"))
        }
    }
}
