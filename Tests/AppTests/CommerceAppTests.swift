import Accounts
import Audit
import Commerce
import CommerceCore
import Composition
import FluentKit
import Foundation
import Programme
import TestDatabases
import Testing
import Vapor
import VaporTesting
import XiangcunKit
@testable import Web

/// People and commerce through the pages and the API, on both engines: masking by role, the
/// audited unmasking, the phone flow of a contractor, import rejections, other counties' ids,
/// and programme targets taking the ledgers' values live.
@Suite("People and commerce")
struct CommerceAppTests {
    static let county = try! DivisionCode("331123000000")

    func demoSession(_ app: Application) async throws -> (TrainingSession, Trainee) {
        let s = try #require(try await TrainingSession.query(on: app.db).filter(\.$paired == false).sort(\.$heldOn).first())
        let people = try await TrainingQueries.attendees(of: try s.requireID(), on: app.db)
        return (s, try #require(people.first { $0.phone != nil }))
    }

    @Test(arguments: Engine.all)
    func idNumbersAreMaskedAndUnmaskingIsAuditedAndForbiddenToContractors(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let (s, person) = try await demoSession(app)
            let phone = try #require(person.phone)
            let admin = TestClient(app)
            try await admin.login("suichang")
            let page = try await admin.get("/training/sessions/\(try s.requireID())").body.string
            #expect(page.contains(person.maskedIDNumber) && !page.contains(person.idNumber))
            #expect(page.contains(phone)) // the county sees phones
            let contractor = TestClient(app)
            try await contractor.login("contractor")
            let seen = try await contractor.get("/training/sessions/\(try s.requireID())").body.string
            #expect(!seen.contains(person.idNumber) && !seen.contains(phone) && seen.contains(Identifiers.maskPhone(phone)))
            let traineePath = "/training/people/\(try person.requireID())"
            #expect(!(try await contractor.get(traineePath).body.string.contains("/reveal")))
            #expect(try await contractor.post(traineePath + "/reveal", [:]).status == .forbidden)
            let api = try await contractor.get("/api/v1/training/sessions/\(try s.requireID())/attendance").body.string
            #expect(!api.contains(person.idNumber) && api.contains(person.maskedIDNumber))
            // The county administrator asks; the view is written to the audit trail first.
            let before = try await AuditEntry.query(on: app.db).filter(\.$action == "view").count()
            _ = try await admin.get(traineePath)
            let revealed = try await admin.post(traineePath + "/reveal", [:])
            #expect(revealed.status == .ok && revealed.body.string.contains(person.idNumber))
            let views = try await AuditEntry.query(on: app.db).filter(\.$action == "view").all()
            #expect(views.count == before + 1 && views.last?.actorName == "suichang" && views.last?.entityID == person.id?.uuidString)
            // Exports: masked by default; unmasked only for roles that may, and audited.
            let csv = try await contractor.get("/training/ledger.csv").body.string
            #expect(csv.contains(person.maskedIDNumber) && !csv.contains(person.idNumber))
            #expect(try await contractor.get("/training/ledger.csv?unmasked=1").status == .forbidden)
            #expect(try await admin.get("/training/ledger.csv?unmasked=1").body.string.contains(person.idNumber))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "view").count() == before + 2)
            let xlsx = try await admin.get("/training/ledger.xlsx")
            #expect(xlsx.status == .ok && xlsx.body.readableBytes > 1000)
        }
    }

    @Test(arguments: Engine.all)
    func aContractorRecordsASessionAndSignsPeopleInOnThePhone(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let c = TestClient(app)
            try await c.login("contractor")
            _ = try await c.get("/training/sessions/new")
            let refused = try await c.post("/training/sessions/new", ["kind": "basic", "title": "", "day": "2099-01-01", "place": "村文化礼堂", "trainer": "张老师", "hours": "30"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("error-summary") && refused.body.string.contains("#f-title") && refused.body.string.contains("#f-day"))
            let made = try await c.post("/training/sessions/new", ["kind": "liveStreaming", "title": "直播带货实操班", "day": "2024-05-01", "place": "村文化礼堂",
                                                                    "trainer": "张老师", "hours": "3.5"])
            #expect(made.status == .seeOther)
            let s = try #require(try await TrainingSession.query(on: app.db).filter(\.$title == "直播带货实操班").first())
            #expect(s.hoursTenths == 35 && s.countyCode == Self.county.value)
            let path = "/training/sessions/\(try s.requireID())"
            _ = try await c.get(path)
            let body = "33112319900101001"
            let id = body + String(Identifiers.idNumberCheck(body) ?? "?")
            let bad = try await c.post(path + "/attendees", ["name": "王丽", "idNumber": "331123199001010010", "township": "妙高街道"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("身份证号不正确"))
            #expect(try await c.post(path + "/attendees", ["name": "王丽", "idNumber": id, "phone": "13800001111", "township": "妙高街道", "groups": "妇女"]).status == .seeOther)
            #expect(try await Attendance.query(on: app.db).filter(\.$sessionID == (try s.requireID())).count() == 1)
            // A sign-in sheet with a bad row is refused whole, naming the row and column.
            _ = try await c.get(path)
            let sheet = Data("姓名,身份证号\n王莉,\(id)\n李强,123\n".utf8)
            let imported = try await c.postMultipart(path + "/import", fields: [:], file: (name: "file", filename: "签到表.csv", data: sheet))
            #expect(imported.status == .unprocessableEntity)
            #expect(imported.body.string.contains("第 2 行 B 列") && imported.body.string.contains("第 3 行 B 列"))
            #expect(try await Attendance.query(on: app.db).filter(\.$sessionID == (try s.requireID())).count() == 1)
            // A photo of the session is kept as evidence; a file that is not a photo or PDF is refused.
            _ = try await c.get(path)
            let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0])
            #expect(try await c.postMultipart(path + "/evidence", fields: [:], file: (name: "file", filename: "现场.png", data: png)).status == .seeOther)
            _ = try await c.get(path)
            #expect(try await c.postMultipart(path + "/evidence", fields: [:], file: (name: "file", filename: "x.txt", data: Data("hi".utf8))).status == .unprocessableEntity)
            #expect(try await EvidenceRecord.query(on: app.db).filter(\.$ownerID == (try s.requireID())).count() == 1)
            // The station operator has no use for the training ledger.
            let op = TestClient(app)
            try await op.login("station")
            #expect(try await op.get("/training").status == .forbidden)
        }
    }

    @Test(arguments: Engine.all)
    func anotherCountysRecordsAreNotFound(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            let two = try await TwoCounties.load(app)
            var input = SessionInput()
            input.kind = "basic"; input.title = "松阳培训"; input.day = "2024-01-01"; input.place = "西屏"; input.trainer = "李老师"; input.hours = "2"
            let other = try await TrainingService.createSession(input, county: try DivisionCode(two.otherCounty), actor: .cli("t"), on: app.db)
            let admin = TestClient(app)
            try await admin.login("suichang")
            let id = try other.requireID()
            #expect(try await admin.get("/training/sessions/\(id)").status == .notFound)
            #expect(try await admin.get("/api/v1/training/sessions/\(id)").status == .notFound)
            _ = try await admin.get("/training")
            #expect(try await admin.post("/training/sessions/\(id)/attendees", ["name": "x", "idNumber": "x"]).status == .notFound)
            #expect(try await TrainingQueries.attendees(of: id, on: app.db).isEmpty)
        }
    }

    @Test(arguments: Engine.all)
    func programmeTargetsTakeTheLedgersValuesLive(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let live = try await LiveIndicators.values(county: Self.county.value, asOf: .today(), on: app.db)
            #expect(live["training.personTimes"] == 1366 && live["live.rooms"] == 13 && live["assistance.pairedPersonTimes"] == 129)
            #expect(live["network.villageStationsOperating"] != nil) // merged, not replaced
            // Point the demo's 4.1.d target at the number of people (a value no progress report holds).
            let target = try #require(try await TargetRecord.query(on: app.db).filter(\.$code == "4.1.d").first())
            target.source = "training.people"
            try await target.save(on: app.db)
            let people = try #require(live["training.people"])
            #expect(people != 1366)
            let programme = try #require(try await ProgrammeStore.current(county: Self.county, on: app.db))
            let view = try await ProgrammeView.load(programme, countyName: "遂昌县", on: app.db)
            let completion = try #require(view.completion.target("4.1.d"))
            #expect(completion.actual == people && completion.actualSource == .indicator)
            #expect(view.completion.target("6.2.a")?.actual == 13 && view.completion.target("6.2.a")?.actualSource == .indicator)
            let client = TestClient(app)
            try await client.login("suichang")
            let body = try await client.get("/api/v1/programme/targets").body.string
            #expect(body.contains("\"actual\":\"\(NSDecimalNumber(decimal: people).stringValue)\",\"code\":\"4.1.d\""))
            let indicators = try await client.get("/api/v1/commerce/indicators").body.string
            #expect(indicators.contains("\"training.personTimes\":1366"))
            #expect(try await client.get("/api/v1/commerce/indicators?asOf=nonsense").status == .badRequest)
        }
    }

    @Test(arguments: Engine.all)
    func theSectionPagesShowTheDemoForEachRole(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let admin = TestClient(app)
            try await admin.login("suichang")
            for path in ["/training", "/live", "/live/events", "/live/anchors", "/live/places", "/poverty"] {
                let page = try await admin.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.body.string.contains("示例"), "\(path)")
            }
            let poverty = try await admin.get("/poverty").body.string
            let household = try #require(try await AssistedHousehold.query(on: app.db).first())
            #expect(!poverty.contains(household.idNumber) && poverty.contains(Identifiers.maskIDNumber(household.idNumber)))
            // A help-sale's amount is quantity × price, exactly.
            _ = try await admin.post("/poverty/actions", ["paired": "on", "kind": "helpSale", "day": "2024-05-01", "product": "土豆", "quantity": "5300",
                                                          "unit": "斤", "unitPriceYuan": "2.50", "premiumYuan": "0.50"])
            let sale = try #require(try await HelpAction.query(on: app.db).filter(\.$product == "土豆").first())
            #expect(sale.amountFen == 1_325_000 && sale.premiumFen == 50)
            let refused = try await admin.post("/poverty/actions", ["kind": "helpSale", "day": "2024-05-01", "product": "土豆", "quantity": "x", "unit": "斤", "unitPriceYuan": "2.5"])
            #expect(refused.status == .unprocessableEntity)
            let auditor = TestClient(app)
            try await auditor.login("auditor")
            #expect(try await auditor.get("/live").status == .ok)
            _ = try await auditor.get("/live/events")
            #expect(try await auditor.post("/live/events", ["title": "x"]).status == .forbidden)
        }
    }
}
