import Composition
import Accounts
import Audit
import Documents
import FluentKit
import Foundation
import Programme
import ProgrammeCore
import TestDatabases
import Testing
import Vapor
import VaporTesting
import XiangcunKit
@testable import Web

/// A second county (松阳县) with a small programme of its own, to guess ids across counties.
struct OtherProgramme {
    let taskID: UUID
    let targetID: UUID
    let disbursementID: UUID
    let progressID: UUID
    let evidenceID: UUID

    static func load(_ app: Application) async throws -> OtherProgramme {
        _ = try await TwoCounties.load(app)
        guard let day = Day("2021-06-01") else { throw TestEnvironmentError(description: "day") }
        let plan = ProgrammePlan(
            info: ProgrammeInfo(countyCode: "331124000000", batchYear: 2021, title: "松阳县电子商务进农村综合示范项目",
                                centralFundsAllocated: try Money(wanYuan: "1500")),
            subsystems: [SubsystemPlan(code: "1", name: "松阳物流体系", order: 1)],
            tasks: [TaskPlan(code: "1.1", subsystemCode: "1", name: "松阳共配中心", contractors: ["松阳物流公司"])],
            targets: [TargetPlan(taskCode: "1.1", code: "1.1.a", metric: "松阳共配中心", unit: "个", value: 1)],
            contractors: [ContractorPlan(name: "松阳物流公司")],
            fundRows: [FundPlanRow(contractor: "松阳物流公司", content: "松阳物流体系", subsystemCode: "1", planned: try Money(wanYuan: "100"), category: .logistics)],
            disbursements: [DisbursementPlan(contractor: "松阳物流公司", content: "松阳物流体系", date: day, amount: try Money(wanYuan: "10"), status: .pending)],
            progress: [ProgressEntry(targetCode: "1.1.a", asOf: day, actual: 1, narrative: "松阳秘密说明")])
        let p = try await ProgrammeStore.importPlan(plan, county: try DivisionCode("331124"), replace: false, actor: .cli("test"), on: app.db)
        let id = try p.requireID()
        let task = try #require(try await TaskRecord.query(on: app.db).filter(\.$programmeID == id).first())
        let target = try #require(try await TargetRecord.query(on: app.db).filter(\.$programmeID == id).first())
        let d = try #require(try await DisbursementRecord.query(on: app.db).filter(\.$programmeID == id).first())
        let progress = try #require(try await ProgressRecord.query(on: app.db).filter(\.$programmeID == id).first())
        let evidence = try await Evidence.store(pngBytes, filename: "songyang.png", kind: .progress, ownerID: try progress.requireID(),
                                                county: "331124000000", isPublic: false, dataDir: app.settings.dataDir, actor: .cli("test"), on: app.db)
        return OtherProgramme(taskID: try task.requireID(), targetID: try target.requireID(), disbursementID: try d.requireID(),
                              progressID: try progress.requireID(), evidenceID: try evidence.requireID())
    }
}

/// The smallest valid PNG signature plus some bytes (the store sniffs the type from the bytes).
let pngBytes = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data("fake image body".utf8)

func fundRowID(_ app: Application, content: String) async throws -> UUID {
    try #require(try await FundRowRecord.query(on: app.db).filter(\.$countyCode == "331123000000").filter(\.$content == content).first()?.requireID())
}

@Suite("Programme: funds, progress, reports, disclosure")
struct ProgrammeTests {
    @Test(arguments: Engine.all)
    func demoReproducesTheSeedsFundTable(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let client = TestClient(app)
            try await client.login("suichang")
            let dashboard = try await client.get("/programme")
            #expect(dashboard.status == .ok)
            for text in ["2000.00", "1910.00", "955.00", "50.00%", "<svg"] { #expect(dashboard.body.string.contains(text), "\(text)") }
            let funds = try await client.get("/programme/funds")
            let html = funds.body.string
            #expect(html.contains("rowspan=\"6\""), "赶街's cell spans its six rows")
            for text in ["355.00", "177.50", "315.00", "157.50", "80.00", "40.00"] { #expect(html.contains(text), "\(text)") }
            let api = try await client.get("/api/v1/programme")
            #expect(api.body.string.contains("\"contracted\":\"1910.00\""))
            #expect(api.body.string.contains("\"centralAllocated\":\"2000.00\""))
            #expect(api.body.string.contains("\"disbursementRate\":\"50.00%\""))
            let rows = try await client.get("/api/v1/programme/fund-rows").body.string
            #expect(rows.contains("\"content\":\"构建农产品上行和消费品下行双向流通体系\",\"contractorID\""))
            #expect(rows.contains("\"disbursed\":\"177.50\""))
            #expect(!rows.contains("\"disbursed\":\"0.00\""), "every row found its computed figures")
        }
    }

    @Test(arguments: Engine.all)
    func disbursementsAreCheckedApprovedAndAudited(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let row = try await fundRowID(app, content: "构建电子商务培训体系")
            let admin = TestClient(app)
            try await admin.login("suichang")
            _ = try await admin.get("/programme/funds")
            // 260 planned, 130 paid: 130.01 万元 more is over the plan.
            let over = try await admin.post("/programme/disbursements", ["fundRowID": row.uuidString, "date": "2021-12-01", "amountWanYuan": "130.01", "tranche": "二期"])
            #expect(over.status == .unprocessableEntity)
            #expect(over.body.string.contains("超出该行计划：本行尚可拨付 130.00 万元"), "the message says how much remains")
            #expect(over.body.string.contains("value=\"130.01\""), "the form keeps the amount")
            let negative = try await admin.post("/programme/disbursements", ["fundRowID": row.uuidString, "date": "2021-12-01", "amountWanYuan": "0.1", "tranche": "二期", "category": "buyingTraffic"])
            #expect(negative.status == .unprocessableEntity)
            #expect(negative.body.string.contains("负面清单"))
            let bad = try await admin.post("/programme/disbursements", ["fundRowID": row.uuidString, "date": "2021-13-01", "amountWanYuan": "-5", "tranche": ""])
            #expect(bad.status == .unprocessableEntity)
            #expect(try await DisbursementRecord.query(on: app.db).filter(\.$fundRowID == row).count() == 1, "nothing written by refused requests")
            let ok = try await admin.post("/programme/disbursements", ["fundRowID": row.uuidString, "date": "2021-12-01", "amountWanYuan": "130", "tranche": "二期50%", "basis": "审计报告"])
            #expect(ok.status == .seeOther)
            let pending = try #require(try await DisbursementRecord.query(on: app.db).filter(\.$fundRowID == row).filter(\.$status == "pending").first())
            // Pending money is reserved against the plan.
            let again = try await admin.post("/programme/disbursements", ["fundRowID": row.uuidString, "date": "2021-12-02", "amountWanYuan": "0.0001", "tranche": "三期"])
            #expect(again.status == .unprocessableEntity)
            // Only county administrators approve.
            let auditor = TestClient(app)
            try await auditor.login("auditor")
            _ = try await auditor.get("/programme/funds")
            #expect(try await auditor.post("/programme/disbursements/\(try pending.requireID())/review", ["decision": "approve"]).status == .forbidden)
            let contractor = TestClient(app)
            try await contractor.login("contractor")
            _ = try await contractor.get("/programme/funds")
            #expect(try await contractor.post("/programme/disbursements", ["fundRowID": row.uuidString, "date": "2021-12-01", "amountWanYuan": "0.0001", "tranche": "x"]).status == .forbidden)
            // The one who recorded it cannot approve it (separation of duties); a colleague can.
            _ = try await admin.get("/programme/funds")
            let own = try await admin.post("/programme/disbursements/\(try pending.requireID())/review", ["decision": "approve"])
            #expect(own.headers.first(name: .location)?.hasSuffix("flash=flash.review.self") == true)
            #expect(try await DisbursementRecord.find(pending.id, on: app.db)?.status == "pending")
            _ = try await AccountService.create(NewUser(username: "suichang2", displayName: "复核人", password: DemoCounty.password, role: .countyAdmin,
                                                        scopeCode: "331123000000"), hasher: app.passwordHasher, actor: .cli("test"), creatorScope: .everything, on: app.db)
            let colleague = TestClient(app)
            try await colleague.login("suichang2")
            _ = try await colleague.get("/programme/funds")
            #expect(try await colleague.post("/programme/disbursements/\(try pending.requireID())/review", ["decision": "approve"]).status == .seeOther)
            // Reviewing it again changes nothing and says so.
            let reviewedTwice = try await colleague.post("/programme/disbursements/\(try pending.requireID())/review", ["decision": "reject", "comment": "重复"])
            #expect(reviewedTwice.headers.first(name: .location)?.hasSuffix("flash=flash.review.notPending") == true)
            #expect(try await DisbursementRecord.find(pending.id, on: app.db)?.status == "approved")
            // A supporting document goes with a disbursement; a wrong file type writes nothing.
            let other = try await fundRowID(app, content: "深化电子扶贫体系")
            let count = try await DisbursementRecord.query(on: app.db).count()
            let badDoc = try await admin.postMultipart("/programme/disbursements", fields: ["fundRowID": other.uuidString, "date": "2021-12-03",
                                                       "amountWanYuan": "10", "tranche": "二期"], file: ("file", "x.exe", Data("MZ....".utf8)))
            #expect(badDoc.status == .unprocessableEntity)
            #expect(try await DisbursementRecord.query(on: app.db).count() == count)
            let pdf = Data("%PDF-1.4\n审计报告".utf8)
            let withDoc = try await admin.postMultipart("/programme/disbursements", fields: ["fundRowID": other.uuidString, "date": "2021-12-03",
                                                        "amountWanYuan": "10", "tranche": "二期", "basis": "审计报告"], file: ("file", "audit.pdf", pdf))
            #expect(withDoc.status == .seeOther)
            let withDocRecord = try #require(try await DisbursementRecord.query(on: app.db).filter(\.$fundRowID == other).filter(\.$status == "pending").first())
            let doc = try #require(try await EvidenceRecord.query(on: app.db).filter(\.$ownerID == (try withDocRecord.requireID())).first())
            #expect(doc.contentType == "application/pdf" && doc.ownerKind == "disbursement")
            let funds = try await admin.get("/programme/funds")
            #expect(funds.body.string.contains("audit.pdf"))
            #expect(funds.body.string.contains("1085.00"), "disbursed total now 955 + 130")
            #expect(funds.body.string.contains("100.00%"), "the training row is fully paid")
            let audit = try await AuditEntry.query(on: app.db).filter(\.$entity == DisbursementRecord.schema).all()
            #expect(audit.contains { $0.action == "create" && $0.actorName == "suichang" })
            #expect(audit.contains { $0.action == "update" && AuditLog.decode($0.newValues)["status"] == "approved" })
        }
    }

    @Test(arguments: Engine.all)
    func contractorsReportOwnTasksAndAuditorsVerify(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let county = "331123000000"
            let training = try #require(try await TargetRecord.query(on: app.db).filter(\.$countyCode == county).filter(\.$unit == "人次").first())
            let postOnly = try #require(try await TaskRecord.query(on: app.db).filter(\.$countyCode == county).all()
                .first { $0.contractors.contains("邮政") && !$0.contractors.contains("赶街") })
            let postTarget = try #require(try await TargetRecord.query(on: app.db).filter(\.$countyCode == county).filter(\.$taskCode == postOnly.code).first())
            let contractor = TestClient(app)
            try await contractor.login("contractor")
            _ = try await contractor.get("/programme/tasks")
            let notMine = try await contractor.postMultipart("/programme/targets/\(try postTarget.requireID())/progress",
                                                             fields: ["asOf": "2021-12-01", "actual": "3"], file: ("file", "a.png", pngBytes))
            #expect(notMine.status == .forbidden)
            let badFile = try await contractor.postMultipart("/programme/targets/\(try training.requireID())/progress",
                                                             fields: ["asOf": "2021-12-01", "actual": "2100"], file: ("file", "notes.txt", Data("hello".utf8)))
            #expect(badFile.status == .unprocessableEntity)
            let before = try await ProgressRecord.query(on: app.db).filter(\.$targetCode == training.code).count()
            let mine = try await contractor.postMultipart("/programme/targets/\(try training.requireID())/progress",
                                                          fields: ["asOf": "2021-12-20", "actual": "2100", "narrative": "累计培训2100人次"], file: ("file", "photo.png", pngBytes))
            #expect(mine.status == .seeOther)
            #expect(try await ProgressRecord.query(on: app.db).filter(\.$targetCode == training.code).count() == before + 1)
            let report = try #require(try await ProgressRecord.query(on: app.db).filter(\.$targetCode == training.code).filter(\.$status == "submitted").first())
            let evidence = try #require(try await EvidenceRecord.query(on: app.db).filter(\.$ownerID == (try report.requireID())).first())
            let download = try await contractor.get("/programme/evidence/\(try evidence.requireID())")
            #expect(Data(download.body.readableBytesView) == pngBytes)
            // Returning needs a comment; verifying makes it count.
            let auditor = TestClient(app)
            try await auditor.login("auditor")
            _ = try await auditor.get("/programme/progress")
            // Returning without a comment is refused and goes back to the list saying why; nothing changes.
            let noComment = try await auditor.post("/programme/progress/\(try report.requireID())/review", ["decision": "return", "comment": ""])
            #expect(noComment.status == .seeOther)
            #expect(noComment.headers.first(name: .location)?.hasSuffix("flash=flash.review.commentRequired") == true)
            #expect(try await ProgressRecord.find(report.id, on: app.db)?.status == "submitted")
            #expect(try await contractor.post("/programme/progress/\(try report.requireID())/review", ["decision": "verify"]).status == .forbidden)
            #expect(try await auditor.post("/programme/progress/\(try report.requireID())/review", ["decision": "verify", "comment": "现场核实"]).status == .seeOther)
            let targets = try await auditor.get("/api/v1/programme/targets/\(try training.requireID())")
            #expect(targets.body.string.contains("\"actual\":\"2100\""))
            #expect(targets.body.string.contains("\"completion\":\"100.00%\""))
        }
    }

    @Test(arguments: Engine.all)
    func idsOfAnotherCountysProgrammeAreNotFound(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            let other = try await OtherProgramme.load(app)
            let client = TestClient(app)
            try await client.login("suichang")
            _ = try await client.get("/programme/funds")
            for path in ["/programme/tasks/\(other.taskID)", "/programme/evidence/\(other.evidenceID)",
                         "/api/v1/programme/tasks/\(other.taskID)", "/api/v1/programme/targets/\(other.targetID)",
                         "/api/v1/programme/disbursements/\(other.disbursementID)", "/api/v1/programme/progress/\(other.progressID)",
                         "/public/331123/evidence/\(other.evidenceID)", "/public/331124/evidence/\(other.evidenceID)"] {
                let response = try await client.get(path)
                #expect(response.status == .notFound, "\(path)")
                #expect(!response.body.string.contains("松阳"), "\(path)")
            }
            for path in ["/programme/disbursements/\(other.disbursementID)/review", "/programme/progress/\(other.progressID)/review",
                         "/programme/targets/\(other.targetID)/judged"] {
                #expect(try await client.post(path, ["decision": "approve", "percent": "50", "reason": "x"]).status == .notFound, "\(path)")
            }
            let progress = try await client.postMultipart("/programme/targets/\(other.targetID)/progress", fields: ["asOf": "2021-12-01", "actual": "1"],
                                                          file: ("file", "a.png", pngBytes))
            #expect(progress.status == .notFound)
            #expect(try await DisbursementRecord.find(other.disbursementID, on: app.db)?.status == "pending")
            #expect(!(try await client.get("/api/v1/programme/progress").body.string.contains("松阳秘密说明")))
        }
    }

    @Test(arguments: Engine.all)
    func reportsAndLedgersOpenInIndependentReaders(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let client = TestClient(app)
            try await client.login("suichang")
            let docx = try await client.get("/programme/report/self-assessment.docx?asOf=2021-12-02")
            #expect(docx.status == .ok)
            let report = try officeDump("docx-dump", Data(docx.body.readableBytesView), ext: "docx")
            let tables = try #require(report["tables"] as? [[String: Any]])
            let fundTable = try #require(tables.compactMap { $0["rows"] as? [[String]] }.first { $0.first?.first == "承办企业名单" })
            #expect(fundTable.last?.contains("1910.00") == true)
            #expect(fundTable.last?.contains("955.00") == true)
            #expect(fundTable.last?.contains("50.00") == true)
            #expect(fundTable.filter { $0.first == "浙江赶街电子商务有限公司" }.count == 6, "merged contractor cell over six rows")
            let paragraphs = (report["paragraphs"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
            #expect(paragraphs.contains { $0.contains("四、存在问题") })
            #expect(paragraphs.contains { $0.contains("2000") && $0.contains("1910") })
            let xlsx = try await client.get("/programme/exports/fundLedger.xlsx")
            let book = try officeDump("xlsx-dump", Data(xlsx.body.readableBytesView), ext: "xlsx")
            let sheet = try #require((book["sheets"] as? [[String: Any]])?.first)
            let cells = try #require(sheet["cells"] as? [String: [String: Any]])
            #expect(cells.values.contains { ($0["value"] as? Double) == 177.5 && ($0["type"] as? String) == "float" })
            #expect(cells.values.contains { ($0["value"] as? Int) == 1910 && ($0["type"] as? String) == "int" })
            #expect(((sheet["merges"] as? [String]) ?? []).count >= 1)
            for kind in ProgrammeExport.allCases {
                let csv = try await client.get("/programme/exports/\(kind.rawValue).csv")
                #expect(Array(csv.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(kind) has a BOM")
                #expect(try await client.get("/programme/exports/\(kind.rawValue).xlsx").status == .ok)
            }
            #expect(try await client.get("/programme/exports/secrets.xlsx").status == .notFound)
        }
    }

    @Test(arguments: Engine.all)
    func theWorkbookImportIsAllOrNothingWithSheetRowColumnErrors(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            var sheets = try DemoProgramme.csvSheets()
            let workbook = try XLSX.write(XLSX.Workbook(sheets: try sheets.sorted { $0.key < $1.key }.map { name, data in
                let records = try CSV.read(data).records
                return XLSX.Sheet(name: name, header: records.first?.fields ?? [], rows: records.dropFirst().map { $0.fields.map { XLSX.Cell.text($0) } })
            }))
            let client = TestClient(app)
            try await client.login("suichang")
            _ = try await client.get("/programme/import")
            let exists = try await client.postMultipart("/programme/import", fields: [:], file: ("file", "plan.xlsx", workbook))
            #expect(exists.status == .conflict)
            // Break one amount: the error names the sheet and the row; nothing changes.
            let fund = String(decoding: try #require(sheets["资金计划"]), as: UTF8.self).replacingOccurrences(of: "355", with: "三五五")
            sheets["资金计划"] = Data(fund.utf8)
            let broken = try XLSX.write(XLSX.Workbook(sheets: try sheets.sorted { $0.key < $1.key }.map { name, data in
                let records = try CSV.read(data).records
                return XLSX.Sheet(name: name, header: records.first?.fields ?? [], rows: records.dropFirst().map { $0.fields.map { XLSX.Cell.text($0) } })
            }))
            let rejected = try await client.postMultipart("/programme/import", fields: ["replace": "on"], file: ("file", "plan.xlsx", broken))
            #expect(rejected.status == .unprocessableEntity)
            #expect(rejected.body.string.contains("资金计划 第"))
            #expect(try await client.get("/programme").body.string.contains("1910.00"), "the old programme is untouched")
            let replaced = try await client.postMultipart("/programme/import", fields: ["replace": "on"], file: ("file", "plan.xlsx", workbook))
            #expect(replaced.status == .ok)
            #expect(try await ProgrammeRecord.query(on: app.db).count() == 1)
            let template = try await client.get("/programme/template.xlsx")
            #expect(try XLSX.read(Data(template.body.readableBytesView)).sheet(named: "资金计划") != nil)
        }
    }

    @Test(arguments: Engine.all)
    func publicDisclosureShowsFundsAndOnlyPublicEvidence(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let progress = try #require(try await ProgressRecord.query(on: app.db).filter(\.$countyCode == "331123000000").filter(\.$status == "verified").first())
            let hidden = try await Evidence.store(pngBytes, filename: "internal.png", kind: .progress, ownerID: try progress.requireID(), county: "331123000000",
                                                  isPublic: false, dataDir: app.settings.dataDir, actor: .cli(), on: app.db)
            let shown = try await Evidence.store(pngBytes + Data([1]), filename: "site.png", kind: .progress, ownerID: try progress.requireID(), county: "331123000000",
                                                 isPublic: true, dataDir: app.settings.dataDir, actor: .cli(), on: app.db)
            let anonymous = TestClient(app)
            let page = try await anonymous.get("/public/331123")
            #expect(page.status == .ok)
            let html = page.body.string
            for text in ["1910.00", "955.00", "50.00%", "浙江赶街电子商务有限公司"] { #expect(html.contains(text), "\(text)") }
            #expect(html.contains("site.png"))
            #expect(!html.contains("internal.png"))
            #expect(!html.contains("suichang") && !html.contains("xiangcun-demo"))
            #expect(try await anonymous.get("/public/331123/evidence/\(try hidden.requireID())").status == .notFound)
            #expect(try await anonymous.get("/public/331123/evidence/\(try shown.requireID())").status == .ok)
            #expect(try await anonymous.get("/programme").status == .seeOther, "internal pages still need a login")
        }
    }

    @Test(arguments: Engine.all)
    func judgedRatesNeedAReasonAndOverrideCompletion(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let target = try #require(try await TargetRecord.query(on: app.db).filter(\.$countyCode == "331123000000").first())
            let client = TestClient(app)
            try await client.login("suichang")
            _ = try await client.get("/programme/tasks")
            #expect(try await client.post("/programme/targets/\(try target.requireID())/judged", ["percent": "80", "reason": ""]).status == .unprocessableEntity)
            #expect(try await client.post("/programme/targets/\(try target.requireID())/judged", ["percent": "180", "reason": "x"]).status == .unprocessableEntity)
            // Text that merely starts with a number is not a number.
            for junk in ["80abc", "8.0.1", "80%x"] {
                #expect(try await client.post("/programme/targets/\(try target.requireID())/judged", ["percent": junk, "reason": "x"]).status == .unprocessableEntity, "\(junk)")
            }
            #expect(try await client.post("/programme/targets/\(try target.requireID())/judged", ["percent": "80", "reason": "现场核定"]).status == .seeOther)
            let api = try await client.get("/api/v1/programme/targets/\(try target.requireID())")
            #expect(api.body.string.contains("\"completion\":\"80.00%\""))
            let audit = try await AuditEntry.query(on: app.db).filter(\.$entity == TargetRecord.schema).all()
            #expect(audit.contains { AuditLog.decode($0.newValues)["judgedReason"] == "现场核定" })
            let auditor = TestClient(app)
            try await auditor.login("auditor")
            _ = try await auditor.get("/programme/tasks")
            #expect(try await auditor.post("/programme/targets/\(try target.requireID())/judged", ["percent": "10", "reason": "x"]).status == .forbidden)
        }
    }
}

@Suite("Programme targets fed by the service network")
struct ProgrammeNetworkTests {
    @Test(arguments: Engine.all)
    func stationAndCoverageTargetsTakeLiveNetworkValues(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let county = try DivisionCode("331123")
            let live = try await LiveIndicators.values(county: county.value, asOf: .today(), on: app.db)
            let stations = try #require(live["network.villageStationsOperating"])
            let covered = try #require(live["network.coveredVillages"])
            let villages = try #require(live["network.villages"])
            #expect(villages == 203)
            let percent = try #require(live["network.villageCoveragePercent"])
            #expect(abs(NSDecimalNumber(decimal: percent - covered * 100 / villages).doubleValue) < 0.005, "rounded to two decimals")
            let client = TestClient(app)
            try await client.login("suichang")
            let targets = try await client.get("/api/v1/programme/targets")
            let body = targets.body.string
            #expect(body.contains("\"actual\":\"\(NSDecimalNumber(decimal: stations).stringValue)\",\"code\":\"1.2.b\""))
            #expect(body.contains("\"actual\":\"\(NSDecimalNumber(decimal: percent).stringValue)\",\"code\":\"2.2.b\""))
        }
    }
}
