import Composition
import Accounts
import Audit
import Documents
import FluentKit
import Foundation
import NetworkCore
import ServiceNetwork
import TestDatabases
import Testing
import Vapor
import VaporTesting
import XiangcunKit
@testable import Web

/// The service network through the web pages, the JSON API and the services, on both engines.
@Suite("Service network")
struct NetworkAppTests {
    static let county = DivisionCode.unchecked("331123000000")
    static let otherCounty = DivisionCode.unchecked("331124000000")

    /// A facility of 松阳县 (the other county) to guess ids with.
    func otherFacility(_ app: Application) async throws -> Facility {
        var input = FacilityInput()
        input.type = "villageStation"; input.name = "松阳示例村服务站"; input.divisionCode = "331124100201"; input.status = "operating"
        input.statusSince = "2022-01-01"; input.operatorPhone = "13700001111"
        return try await NetworkService.create(input, county: Self.otherCounty, actor: .cli("test"), on: app.db)
    }

    func demoStation(_ app: Application) async throws -> Facility {
        let user = try #require(try await AccountService.findByUsername("station", on: app.db))
        return try #require(try await NetworkQueries.operatorFacility(userID: try user.requireID(), county: Self.county, on: app.db))
    }

    /// The demo's clock for the exact counts below: its records cover the twelve months before
    /// this day (2024-07 … 2025-06), so the counts do not depend on the day the suite runs.
    static let demoNow = Date(timeIntervalSince1970: 1_752_537_600) // 2025-07-15T00:00:00Z
    /// Operating records the seeded generator makes for `demoNow`: one per reporting facility and
    /// month it operated at the month's end, less the ≈5 % its roll leaves unreported.
    static let demoRecords = 1480

    @Test(arguments: Engine.all)
    func demoNetworkHasTheSeedCountsAndTwiceChangesNothing(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let facilities = try await Facility.query(on: app.db).count()
            let records = try await OperatingRecord.query(on: app.db).count()
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            #expect(try await Facility.query(on: app.db).count() == facilities)
            #expect(try await OperatingRecord.query(on: app.db).count() == records)
            #expect(try await Facility.query(on: app.db).filter(\.$type == "villageStation").count() == 120)
            #expect(try await Facility.query(on: app.db).filter(\.$type == "townshipHub").count() == 9)
            #expect(try await Facility.query(on: app.db).filter(\.$type == "countyServiceCentre").count() == 1)
            #expect(try await Facility.query(on: app.db).filter(\.$type == "coDeliveryCentre").count() == 1)
            #expect(try await Facility.query(on: app.db).filter(\.$sample == false).count() == 0)
            let day = try #require(Day(year: 2025, month: 6, day: 30))
            let all = try await NetworkIndicators.all(county: Self.county, day: day, on: app.db)
            #expect(all[.villages] == 203)
            #expect(all[.townships] == 20)
            // 120 village stations: 3 still planned (i % 40 == 7), 4 under construction (i % 30 == 11)
            // and 3 suspended since 2024-11 (i % 45 == 23) in NetworkDemo's schedule.
            #expect(all[.villageStationsOperating] == 120 - 3 - 4 - 3)
            // Operating stations' own villages plus the neighbours some of them also serve (seeded).
            #expect(all[.coveredVillages] == 143)
            #expect(all[.townshipHubsOperating] == 9)
            // Programme targets read the same figures as `network.<key>`.
            let live = try await LiveIndicators.values(county: Self.county.value, asOf: .today(), on: app.db)
            let today = try await NetworkIndicators.all(county: Self.county, asOf: Date(), on: app.db)
            #expect(live["network.villageStationsOperating"] == Decimal(today[.villageStationsOperating] ?? -1))
            #expect(live["network.townshipHubsOperating"] == 9)
            // Before the network was built nothing was covered.
            let early = try #require(ISO8601DateFormatter().date(from: "2021-01-01T00:00:00Z"))
            #expect(try await NetworkIndicators.value(.coveredVillages, county: Self.county, asOf: early, on: app.db) == 0)
            // The network part alone on a fixed clock: erase it (cascades) and load it again.
            try await Facility.query(on: app.db).delete()
            let again = try await NetworkDemo.load(county: Self.county, on: app.db, now: Self.demoNow)
            #expect(again.facilities == facilities)
            #expect(again.records == Self.demoRecords)
            #expect(try await OperatingRecord.query(on: app.db).count() == Self.demoRecords)
            try await expectRecordsOnlyForOperatingMonths(app)
        }
    }

    /// Every demo record belongs to a reporting facility that operated at the end of its month,
    /// one of the twelve months before `demoNow`, and no facility reports a month twice.
    func expectRecordsOnlyForOperatingMonths(_ app: Application) async throws {
        var month = Day(Self.demoNow).monthKey
        var months: [Month] = []
        for _ in 1...12 { month = month.previous; months.append(month) }
        let facilities = try await Facility.query(on: app.db).all()
        let history = try await FacilityStatusChange.query(on: app.db).all()
        var reportable = 0
        var operating: Set<String> = []
        for facility in facilities where facility.facilityType.reportsMonthly {
            let id = try facility.requireID()
            let events = history.filter { $0.facilityID == id }.compactMap { e in
                Day(e.effectiveOn).map { StatusEvent($0, FacilityStatus(rawValue: e.status) ?? .planned) }
            }
            let snapshot = FacilitySnapshot(id: id, name: facility.name, type: facility.facilityType, division: facility.divisionCode, history: events)
            for month in months where snapshot.status(asOf: month.lastDay) == .operating {
                operating.insert("\(id) \(month.text)")
                reportable += 1
            }
        }
        let records = try await OperatingRecord.query(on: app.db).all()
        let keys = records.map { "\($0.facilityID) \($0.month)" }
        #expect(Set(keys).count == records.count, "one record per facility and month")
        #expect(keys.allSatisfy { operating.contains($0) }, "records only for operating months")
        #expect(records.count < reportable && records.count * 100 >= reportable * 90, "\(records.count) of \(reportable) reported")
    }

    @Test(arguments: Engine.all)
    func operatorsSeeAndEditOnlyTheirOwnStationOthersRead(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let own = try await demoStation(app)
            let ownID = try own.requireID()
            let other = try #require(try await Facility.query(on: app.db).filter(\.$type == "villageStation").filter(\.$id != ownID).first())
            let otherID = try other.requireID()
            let op = TestClient(app)
            try await op.login("station")
            #expect(try await op.get("/network").status == .seeOther)
            let page = try await op.get("/network/facilities/\(ownID)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains(own.name))
            for path in ["/network/facilities/\(otherID)", "/network/facilities/\(otherID)/edit", "/network/facilities/\(otherID)/records",
                         "/api/v1/network/facilities/\(otherID)"] {
                #expect(try await op.get(path).status == .notFound, "\(path)")
            }
            for path in ["/network/map", "/network/reporting", "/network/ledger.xlsx", "/network/coverage.csv", "/network/import", "/network/services",
                         "/network/facilities/new", "/api/v1/network/coverage"] {
                #expect(try await op.get(path).status == .forbidden, "\(path)")
            }
            let apiList = try await op.get("/api/v1/network/facilities")
            #expect(apiList.body.string.contains(ownID.uuidString))
            #expect(!apiList.body.string.contains(otherID.uuidString))
            // Operational fields only: the name stays, opening hours change.
            _ = try await op.get("/network/facilities/\(ownID)/edit")
            let saved = try await op.post("/network/facilities/\(ownID)/edit", ["openingHours": "07:30–21:00", "servicePhone": "0578-8123456",
                                                                                 "name": "改名", "services[]": "parcels"])
            #expect(saved.status == .seeOther)
            let after = try #require(try await Facility.find(ownID, on: app.db))
            #expect(after.openingHours == "07:30–21:00")
            #expect(after.name == own.name)
            #expect(try await op.post("/network/facilities/\(otherID)/edit", ["openingHours": "x"]).status == .notFound)
            #expect(try await op.post("/network/facilities/\(ownID)/status", ["status": "closed", "effectiveOn": "2024-01-01"]).status == .forbidden)
            // Month record by the operator.
            _ = try await op.get("/network/facilities/\(ownID)/records")
            let month = Day.today().monthKey.text
            let record = try await op.post("/network/facilities/\(ownID)/records", ["month": month, "parcelsIn": "500", "parcelsOut": "90",
                                                                                    "purchaseAmount": "1234.50"])
            #expect(record.status == .seeOther)
            let stored = try #require(try await OperatingRecord.query(on: app.db).filter(\.$facilityID == ownID).filter(\.$month == month).first())
            #expect(stored.purchaseFen == 123_450)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == OperatingRecord.schema).filter(\.$actorName == "station").count() == 1)

            // Contractor, auditor and province viewer read but do not write.
            for user in ["contractor", "auditor", "zhejiang"] {
                let c = TestClient(app)
                try await c.login(user)
                if user == "zhejiang" { _ = try await c.get("/county?county=331123") }
                #expect(try await c.get("/network").status == .ok, "\(user)")
                #expect(try await c.get("/network/facilities/\(otherID)").status == .ok, "\(user)")
                #expect(try await c.get("/network/map").status == .ok, "\(user)")
                #expect(try await c.get("/network/facilities/new").status == .forbidden, "\(user)")
                #expect(try await c.post("/network/facilities/\(otherID)/edit", ["name": "x"]).status == .forbidden, "\(user)")
                #expect(try await c.post("/network/facilities/\(otherID)/records", ["month": month]).status == .forbidden, "\(user)")
                #expect(try await c.post("/network/services", ["name": "快递代收"]).status == .forbidden, "\(user)")
            }
            // Phones: the auditor sees the operator phone, the contractor sees it masked.
            let contractor = TestClient(app)
            try await contractor.login("contractor")
            let masked = try await contractor.get("/network/facilities/\(otherID)").body.string
            #expect(masked.contains(Identifiers.maskPhone(other.operatorPhone ?? "")))
            #expect(!masked.contains(other.operatorPhone ?? "-"))

            // Unlinking: only the county administrator, only a link that belongs to this station.
            let opID = try #require(try await AccountService.findByUsername("station", on: app.db)?.id)
            #expect(try await contractor.post("/network/facilities/\(ownID)/operators/\(opID)/unlink", [:]).status == .forbidden)
            let admin = TestClient(app)
            try await admin.login("suichang")
            #expect(try await admin.get("/network/facilities/\(ownID)").body.string.contains("/operators/\(opID)/unlink"))
            #expect(try await admin.post("/network/facilities/\(otherID)/operators/\(opID)/unlink", [:]).status == .notFound)
            #expect(try await admin.post("/network/facilities/\(ownID)/operators/\(UUID())/unlink", [:]).status == .notFound)
            #expect(try await admin.post("/network/facilities/\(ownID)/operators/\(opID)/unlink", [:]).status == .seeOther)
            #expect(try await FacilityOperator.query(on: app.db).filter(\.$userID == opID).count() == 0)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == FacilityOperator.schema).filter(\.$action == "delete").count() == 1)
            // The operator no longer reaches the station.
            #expect(try await op.get("/network/facilities/\(ownID)").status == .notFound)
        }
    }

    @Test(arguments: Engine.all)
    func idsFromAnotherCountyAreNotFoundOnEveryRoute(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await TwoCounties.load(app)
            let foreign = try await otherFacility(app)
            let id = try foreign.requireID()
            let client = TestClient(app)
            try await client.login("suichang")
            _ = try await client.get("/network")
            for path in ["/network/facilities/\(id)", "/network/facilities/\(id)/edit", "/network/facilities/\(id)/records",
                         "/network/facilities/\(id)/photos/\(UUID())", "/api/v1/network/facilities/\(id)", "/api/v1/network/facilities/\(id)/records"] {
                let r = try await client.get(path)
                #expect(r.status == .notFound, "\(path)")
                #expect(!r.body.string.contains("松阳示例村"), "\(path) leaks")
            }
            for path in ["/network/facilities/\(id)/edit", "/network/facilities/\(id)/status", "/network/facilities/\(id)/operators", "/network/facilities/\(id)/records",
                         "/network/facilities/\(id)/operators/\(UUID())/unlink"] {
                #expect(try await client.post(path, ["name": "x", "status": "closed", "effectiveOn": "2024-01-01", "username": "station", "month": "2024-01"]).status == .notFound, "\(path)")
            }
            let photo = try await client.postMultipart("/network/facilities/\(id)/photos", fields: [:], file: ("photo", "a.png", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])))
            #expect(photo.status == .notFound)
            var headers = HTTPHeaders()
            headers.contentType = .json
            headers.replaceOrAdd(name: "X-CSRF-Token", value: client.lastCSRF ?? "")
            #expect(try await client.send(.PATCH, "/api/v1/network/facilities/\(id)", headers: headers, body: ByteBuffer(string: #"{"name":"x"}"#)).status == .notFound)
            #expect(try await client.send(.POST, "/api/v1/network/facilities/\(id)/records", headers: headers, body: ByteBuffer(string: #"{"month":"2024-01"}"#)).status == .notFound)
            // Lists, map, ledger and the public directory of this county do not show the other county's station.
            for path in ["/network/facilities", "/network/map", "/network/reporting", "/api/v1/network/facilities", "/network/ledger.csv", "/public/331123/stations"] {
                let r = try await client.get(path)
                #expect(r.status == .ok, "\(path)")
                #expect(!r.body.string.contains("松阳示例村"), "\(path)")
            }
            #expect(try await Facility.find(id, on: app.db)?.name == "松阳示例村服务站")
            // A division of the other county cannot be used for a new station here.
            _ = try await client.get("/network/facilities/new")
            let bad = try await client.post("/network/facilities/new", ["type": "villageStation", "name": "越界站", "divisionCode": "331124100201"])
            #expect(bad.status == .unprocessableEntity)
            // And the other county's administrator cannot see Suichang's stations.
            let songyang = TestClient(app)
            try await songyang.login("songyang")
            let mine = try await demoStation(app)
            #expect(try await songyang.get("/network/facilities/\(try mine.requireID())").status == .notFound)
            #expect(try await songyang.get("/api/v1/network/facilities/\(try mine.requireID())").status == .notFound)
        }
    }

    @Test(arguments: Engine.all)
    func publicDirectoryNeedsNoLoginAndShowsNoPersonalPhones(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let page = try await TestClient(app).get("/public/331123/stations")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("服务站（示例）"))
            #expect(html.contains("0578-81")) // published service phones
            #expect(!html.contains("1380000")) // operator phones never
            #expect(html.range(of: #"1[3-9]\d{9}"#, options: .regularExpression) == nil)
            #expect(try await TestClient(app).get("/public/999999/stations").status == .notFound)
            #expect(try await TestClient(app).get("/network").status == .seeOther) // pages need a sign-in
        }
    }

    @Test(arguments: Engine.all)
    func ledgerExportsReadBackAndImportsRejectBadRowsWholly(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let client = TestClient(app)
            try await client.login("suichang")
            let xlsx = try await client.get("/network/ledger.xlsx")
            #expect(xlsx.status == .ok)
            let book = try XLSX.read(Data(buffer: xlsx.body))
            let sheet = try #require(book.sheets.first)
            #expect(sheet.rows.count == 1 + 1 + (try await Facility.query(on: app.db).count())) // title, header, rows
            #expect(sheet.rows[1].texts.first == "名称")
            let csv = try await client.get("/network/ledger.csv")
            let table = try CSV.read(Data(buffer: csv.body))
            #expect(table.records.first?.fields.contains("区划代码") == true)
            #expect(table.records.count == sheet.rows.count - 1)
            let gb = try await client.get("/network/ledger.csv?encoding=gb18030")
            #expect(try CSV.read(Data(buffer: gb.body)).encoding == .gb18030)
            let coverage = try await client.get("/network/coverage.xlsx?asOf=2023-06-30")
            let coverageBook = try XLSX.read(Data(buffer: coverage.body))
            #expect(coverageBook.sheets.map(\.name) == ["覆盖情况", "未覆盖行政村", "指标"])
            let coverageCSV = try CSV.read(Data(buffer: try await client.get("/network/coverage.csv").body))
            #expect(coverageCSV.records.count == 1 + 20 + 1)

            // A ledger with bad rows: nothing is imported, each problem names row and column.
            let before = try await Facility.query(on: app.db).count()
            let bad = """
            名称,类型,区划代码,状态,状态日期,服务项目,统一标识
            新站甲（测试）,村级服务站,331123102201,运营中,2024-01-05,快递收发、代买,是
            新站乙（测试）,村级服务站,331123102,运营中,2024-01-05,快递收发,是
            新站丙（测试）,火星站,331123102203,运营中,2024-01-05,快递收发,也许
            新站甲（测试）,村级服务站,331123999201,运营中,2024-13-05,飞行,否
            """
            _ = try await client.get("/network/import")
            let rejected = try await client.postMultipart("/network/import", fields: [:], file: ("file", "bad.csv", Data(bad.utf8)))
            #expect(rejected.status == .unprocessableEntity)
            let text = rejected.body.string
            #expect(text.contains("第 3 行 C 列（区划代码）"))
            #expect(text.contains("第 4 行 B 列（类型）"))
            #expect(text.contains("第 4 行 G 列（统一标识）"))
            #expect(text.contains("第 5 行 A 列（名称）：与第 2 行重复"))
            #expect(text.contains("第 5 行 F 列（服务项目）"))
            #expect(try await Facility.query(on: app.db).count() == before)

            // The exported ledger imports back unchanged; a good new row is added.
            let good = """
            名称,类型,区划代码,状态,状态日期,服务项目,服务范围（区划代码）,统一标识,站长电话
            新站甲（测试）,村级服务站,331123102201,运营中,2024-01-05,快递收发、代买,331123102202,是,13900001234
            """
            let imported = try await client.postMultipart("/network/import", fields: [:], file: ("file", "good.csv", Data(good.utf8)))
            #expect(imported.status == .ok)
            #expect(try await Facility.query(on: app.db).count() == before + 1)
            // A GB18030 file (what Chinese Excel saves as CSV) imports the same way.
            let gbFile = try CSV.write([["名称", "类型", "区划代码", "状态", "状态日期"], ["新站乙（国标编码）", "乡镇服务站", "331123102000", "建设中", "2024-02-01"]], encoding: .gb18030)
            #expect(try await client.postMultipart("/network/import", fields: [:], file: ("file", "gb.csv", gbFile)).status == .ok)
            #expect(try await Facility.query(on: app.db).filter(\.$name == "新站乙（国标编码）").first()?.status == "underConstruction")
            let roundTrip = try await client.postMultipart("/network/import", fields: [:], file: ("file", "ledger.xlsx", Data(buffer: xlsx.body)))
            #expect(roundTrip.status == .ok)
            #expect(roundTrip.body.string.contains("新增 0"))
            #expect(try await Facility.query(on: app.db).count() == before + 2)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == Facility.schema).filter(\.$action == "import").count() >= 3)
        }
    }

    @Test(arguments: Engine.all)
    func implausibleFiguresWarnAndNeedAnExplicitConfirm(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let own = try await demoStation(app)
            let id = try own.requireID()
            let median = Plausibility.median(try await NetworkQueries.records(of: id, on: app.db).map { Int64($0.parcelsIn) })
            let op = TestClient(app)
            try await op.login("station")
            _ = try await op.get("/network/facilities/\(id)/records")
            let month = Day.today().monthKey.text
            let huge = "\(median * 20)"
            let warned = try await op.post("/network/facilities/\(id)/records", ["month": month, "parcelsIn": huge])
            #expect(warned.status == .ok)
            #expect(warned.body.string.contains("10 倍"))
            #expect(warned.body.string.contains("name=\"confirmed\""))
            #expect(try await OperatingRecord.query(on: app.db).filter(\.$facilityID == id).filter(\.$month == month).first() == nil)
            let confirmed = try await op.post("/network/facilities/\(id)/records", ["month": month, "parcelsIn": huge, "confirmed": "1"])
            #expect(confirmed.status == .seeOther)
            #expect(try await OperatingRecord.query(on: app.db).filter(\.$facilityID == id).filter(\.$month == month).first()?.parcelsIn == Int(huge))
            // Negative and future figures are refused.
            #expect(try await op.post("/network/facilities/\(id)/records", ["month": month, "parcelsIn": "-5"]).status == .unprocessableEntity)
            #expect(try await op.post("/network/facilities/\(id)/records", ["month": "2999-01", "parcelsIn": "5"]).status == .unprocessableEntity)

            // Bulk import of records: bad rows reject the file; implausible rows wait for a confirm.
            let admin = TestClient(app)
            try await admin.login("suichang")
            _ = try await admin.get("/network/records/import")
            let bad = "站点名称,月份,进港件数,代买金额（元）\n\(own.name),2024-02,abc,12.345\n不存在的站,2024-02,5,1\n"
                + "\(own.name),2000-01,5,1\n\(own.name),2024-03,5,200000000\n" // before the station; past the amount bound
            let rejected = try await admin.postMultipart("/network/records/import", fields: [:], file: ("file", "r.csv", Data(bad.utf8)))
            #expect(rejected.status == .unprocessableEntity)
            #expect(rejected.body.string.contains("第 2 行 C 列（进港件数）"))
            #expect(rejected.body.string.contains("第 2 行 D 列（代买金额（元））"))
            #expect(rejected.body.string.contains("第 3 行 A 列（站点名称）"))
            #expect(rejected.body.string.contains("第 4 行 B 列（月份）"))
            #expect(rejected.body.string.contains("第 5 行 D 列（代买金额（元））"))
            let previous = Day.today().monthKey.previous.previous.previous
            let spike = "站点名称,月份,进港件数\n\(own.name),\(previous.text),\(median * 50)\n"
            let pending = try await admin.postMultipart("/network/records/import", fields: [:], file: ("file", "r.csv", Data(spike.utf8)))
            #expect(pending.status == .ok)
            #expect(pending.body.string.contains("name=\"confirmed\""))
            let forced = try await admin.postMultipart("/network/records/import", fields: ["confirmed": "1"], file: ("file", "r.csv", Data(spike.utf8)))
            #expect(forced.body.string.contains("已导入 1 条"))
        }
    }

    @Test(arguments: Engine.all)
    func jsonAPIAnswers401403404422AndCreates(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await TwoCounties.load(app)
            #expect(try await TestClient(app).get("/api/v1/network/facilities").status == .unauthorized)
            let admin = TestClient(app)
            try await admin.login("suichang")
            _ = try await admin.get("/")
            var headers = HTTPHeaders()
            headers.contentType = .json
            headers.replaceOrAdd(name: "X-CSRF-Token", value: admin.lastCSRF ?? "")
            let list = try await admin.get("/api/v1/network/facilities?type=townshipHub")
            #expect(list.status == .ok)
            #expect(list.body.string.contains("\"total\":9"))
            let invalid = try await admin.send(.POST, "/api/v1/network/facilities", headers: headers,
                                               body: ByteBuffer(string: #"{"type":"villageStation","name":"","divisionCode":"331123102000","latitude":95}"#))
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.body.string.contains("\"divisionCode\""))
            #expect(invalid.body.string.contains("\"latitude\""))
            let created = try await admin.send(.POST, "/api/v1/network/facilities", headers: headers, body: ByteBuffer(string:
                #"{"type":"villageStation","name":"接口新站","divisionCode":"331123102205","latitude":28.6,"longitude":119.2,"status":"operating","statusSince":"2024-03-01","services":["parcels","代买"],"operatorPhone":"13911112222"}"#))
            #expect(created.status == .created)
            let location = try #require(created.headers.first(name: .location))
            #expect(created.body.string.contains("buyOnBehalf"))
            let patched = try await admin.send(.PATCH, location, headers: headers, body: ByteBuffer(string: #"{"openingHours":"全天","servedDivisions":["331123102206"]}"#))
            #expect(patched.status == .ok)
            #expect(patched.body.string.contains("331123102206"))
            let record = try await admin.send(.POST, location + "/records", headers: headers, body: ByteBuffer(string: #"{"month":"2024-03","parcelsIn":10,"purchaseAmount":"12.30"}"#))
            #expect(record.status == .created)
            #expect(record.body.string.contains("\"purchaseAmount\":\"12.30\""))
            #expect(try await admin.get(location + "/records").body.string.contains("2024-03"))
            let coverage = try await admin.get("/api/v1/network/coverage?asOf=2024-03-31")
            #expect(coverage.status == .ok)
            #expect(coverage.body.string.contains("\"villageStationsOperating\""))
            // Query parameters are strict: a bad value answers 400 naming the parameter.
            for (path, parameter) in [("/api/v1/network/coverage?asOf=yesterday", "asOf"), ("/api/v1/network/coverage?asOf=", "asOf"),
                                      ("/api/v1/network/facilities?type=AAA", "type"), ("/api/v1/network/facilities?status=open", "status"),
                                      ("/api/v1/network/facilities?township=3311", "township"), ("/api/v1/network/reporting?month=2024-13", "month"),
                                      ("/api/v1/network/reporting?months=37", "months")] {
                let r = try await admin.get(path)
                #expect(r.status == .badRequest, "\(path)")
                #expect(r.body.string.contains("\"detail\":\"\(parameter):"), "\(path)")
            }
            for township in ["331123999000", "991123102000", "331123102201"] { // unknown; impossible province; a village
                #expect(try await admin.get("/api/v1/network/facilities?township=\(township)").body.string.contains("\"total\":0"), "\(township)")
            }
            // Pages clamp a huge page number instead of overflowing.
            for path in ["/audit?page=2305843009213693952", "/network/facilities?page=9223372036854775807"] {
                #expect(try await admin.get(path).status == .ok, "\(path)")
            }
            // A month before the station was recorded (2024-03-01) is refused.
            let early = try await admin.send(.POST, location + "/records", headers: headers, body: ByteBuffer(string: #"{"month":"2024-02","parcelsIn":1}"#))
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.string.contains("\"month\""))
            #expect(try await admin.get("/api/v1/network/reporting").body.string.contains("\"expected\""))
            #expect(try await admin.get("/api/v1/network/services").body.string.contains("jobReferral"))
            #expect(try await admin.send(.POST, "/api/v1/network/services", headers: headers, body: ByteBuffer(string: #"{"name":"农资代购"}"#)).status == .created)
            // A name already taken conflicts with what is there: 409.
            #expect(try await admin.send(.POST, "/api/v1/network/services", headers: headers, body: ByteBuffer(string: #"{"name":"农资代购"}"#)).status == .conflict)
            #expect(try await admin.send(.POST, "/api/v1/network/services", headers: headers, body: ByteBuffer(string: #"{"name":""}"#)).status == .unprocessableEntity)
            // A path that exists but not for this method: 405 with Allow; a body that is not JSON: 415.
            let trace = try await admin.send(.DELETE, "/api/v1/network/services", headers: headers)
            #expect(trace.status == .methodNotAllowed)
            #expect(Set((trace.headers.first(name: .allow) ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) == ["GET", "POST"])
            #expect(try await admin.send(.DELETE, "/api/v1/network/facilities/\(UUID())", headers: headers).status == .methodNotAllowed)
            #expect(try await admin.send(.DELETE, "/api/v1/no-such-thing", headers: headers).status == .notFound)
            var plain = headers
            plain.contentType = .xml
            #expect(try await admin.send(.POST, "/api/v1/network/services", headers: plain, body: ByteBuffer(string: "x")).status == .unsupportedMediaType)
            #expect(try await admin.get("/api/v1/network/facilities/\(UUID())").status == .notFound)

            // Plausibility through the API: 409 with warnings, then 201 with confirmed.
            let own = try await demoStation(app)
            let ownPath = "/api/v1/network/facilities/\(try own.requireID())"
            let op = TestClient(app)
            try await op.login("station")
            _ = try await op.get("/network/facilities/\(try own.requireID())")
            var opHeaders = HTTPHeaders()
            opHeaders.contentType = .json
            opHeaders.replaceOrAdd(name: "X-CSRF-Token", value: op.lastCSRF ?? "")
            let month = Day.today().monthKey.text
            let conflict = try await op.send(.POST, ownPath + "/records", headers: opHeaders, body: ByteBuffer(string: #"{"month":"\#(month)","parcelsIn":99999999}"#))
            #expect(conflict.status == .conflict)
            #expect(conflict.body.string.contains("parcelsIn"))
            let ok = try await op.send(.POST, ownPath + "/records", headers: opHeaders, body: ByteBuffer(string: #"{"month":"\#(month)","parcelsIn":99999999,"confirmed":true}"#))
            #expect(ok.status == .created)
            // Contractors and auditors read through the API but do not write.
            for user in ["contractor", "auditor"] {
                let reader = TestClient(app)
                try await reader.login(user)
                _ = try await reader.get("/")
                var h = HTTPHeaders()
                h.contentType = .json
                h.replaceOrAdd(name: "X-CSRF-Token", value: reader.lastCSRF ?? "")
                #expect(try await reader.get(location).status == .ok, "\(user)")
                #expect(try await reader.send(.POST, "/api/v1/network/facilities", headers: h, body: ByteBuffer(string: #"{"name":"x"}"#)).status == .forbidden, "\(user)")
                #expect(try await reader.send(.PATCH, location, headers: h, body: ByteBuffer(string: #"{"openingHours":"x"}"#)).status == .forbidden, "\(user)")
                #expect(try await reader.send(.POST, location + "/records", headers: h, body: ByteBuffer(string: #"{"month":"2024-03"}"#)).status == .forbidden, "\(user)")
            }
            // Operators: 403 on create and on fields beyond their own.
            #expect(try await op.send(.POST, "/api/v1/network/facilities", headers: opHeaders, body: ByteBuffer(string: #"{"name":"x"}"#)).status == .forbidden)
            #expect(try await op.send(.PATCH, ownPath, headers: opHeaders, body: ByteBuffer(string: #"{"name":"改名"}"#)).status == .forbidden)
            #expect(try await op.send(.PATCH, ownPath, headers: opHeaders, body: ByteBuffer(string: #"{"openingHours":"09:00–18:00"}"#)).status == .ok)
            #expect(try await op.send(.PATCH, location, headers: opHeaders, body: ByteBuffer(string: #"{"openingHours":"x"}"#)).status == .notFound)
        }
    }

    @Test(arguments: Engine.all)
    func statusChangesKeepHistoryAndCoverageAsOfPastDatesIsReproducible(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let village = try #require(try await NetworkQueries.coverage(county: Self.county, asOf: .today(), on: app.db).uncoveredVillages.first?.code)
            var input = FacilityInput()
            input.type = "villageStation"; input.name = "历史测试站"; input.divisionCode = village; input.status = "underConstruction"; input.statusSince = "2023-01-01"
            let f = try await NetworkService.create(input, county: Self.county, actor: .cli("test"), on: app.db)
            func covered(_ day: String) async throws -> Set<String> {
                let report = try await NetworkQueries.coverage(county: Self.county, asOf: try #require(Day(day)), on: app.db)
                return Set(report.uncoveredVillages.map(\.code))
            }
            let admin = TestClient(app)
            try await admin.login("suichang")
            _ = try await admin.get("/network/facilities/\(try f.requireID())")
            #expect(try await admin.post("/network/facilities/\(try f.requireID())/status", ["status": "operating", "effectiveOn": "2023-06-01"]).status == .seeOther)
            #expect(try await admin.post("/network/facilities/\(try f.requireID())/status", ["status": "suspended", "effectiveOn": "2024-02-01"]).status == .seeOther)
            #expect(try await covered("2023-05-31").contains(village))
            #expect(!(try await covered("2023-06-01").contains(village)))
            #expect(try await covered("2024-02-01").contains(village))
            #expect(try await NetworkQueries.history(of: try f.requireID(), on: app.db).count == 3)
            #expect(try await Facility.find(f.id, on: app.db)?.status == "suspended")
            let old = try await admin.get("/network?asOf=2023-06-01")
            #expect(old.status == .ok)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entityID == (try f.requireID()).uuidString).count() == 3)
            // The audit trail never holds a whole operator phone.
            for entry in try await AuditEntry.query(on: app.db).filter(\.$entity == Facility.schema).all() {
                #expect(entry.newValues?.range(of: #"1[3-9]\d{9}"#, options: .regularExpression) == nil)
            }
        }
    }

    @Test(arguments: Engine.all)
    func servedVillagesAndFlagsKeepTheirHistorySoPastCoverageIsReproducible(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let today = Day.today(), yesterday = Day(ordinal: Day.today().ordinal - 1)
            let before = try await NetworkQueries.coverage(county: Self.county, asOf: today, on: app.db)
            let township = try #require(before.townships.first { $0.uncovered.count >= 3 })
            let (home, b, c) = (township.uncovered[0].code, township.uncovered[1].code, township.uncovered[2].code)
            var input = FacilityInput()
            input.type = "villageStation"; input.name = "服务范围历史测试站"; input.divisionCode = home
            input.status = "operating"; input.statusSince = "2023-01-01"; input.servedDivisions = [b]
            let f = try await NetworkService.create(input, county: Self.county, actor: .cli("test"), on: app.db)
            let id = try f.requireID()
            // Serve c instead of b, and put up the uniform signage, today.
            input.servedDivisions = [c]; input.signage = true
            try await NetworkService.update(f, with: input, actor: .cli("test"), on: app.db)
            func uncovered(_ day: Day) async throws -> Set<String> {
                Set(try await NetworkQueries.coverage(county: Self.county, asOf: day, on: app.db).uncoveredVillages.map(\.code))
            }
            let then = try await uncovered(yesterday), now = try await uncovered(today)
            #expect(!then.contains(home) && !then.contains(b) && then.contains(c))
            #expect(!now.contains(home) && now.contains(b) && !now.contains(c))
            let signageThen = try await NetworkQueries.coverage(county: Self.county, asOf: yesterday, on: app.db).signageOperating
            let signageNow = try await NetworkQueries.coverage(county: Self.county, asOf: today, on: app.db).signageOperating
            #expect(signageNow == signageThen + 1)
            #expect(signageThen == before.signageOperating)
            #expect(try await NetworkService.servedDivisions(of: id, on: app.db) == [c])
            // Back and forth on one day leaves one open period per division and no empty ones.
            input.servedDivisions = [b]
            try await NetworkService.update(f, with: input, actor: .cli("test"), on: app.db)
            input.servedDivisions = [c]
            try await NetworkService.update(f, with: input, actor: .cli("test"), on: app.db)
            let rows = try await FacilityServedDivision.query(on: app.db).filter(\.$facilityID == id).all()
            #expect(rows.filter { $0.validTo == nil }.map(\.divisionCode) == [c])
            #expect(rows.count == 2) // b closed today (it applied until yesterday), c open from today
            #expect(try await uncovered(yesterday).contains(c))
            // The station page lists the change for auditors.
            let admin = TestClient(app)
            try await admin.login("suichang")
            let page = try await admin.get("/network/facilities/\(id)").body.string
            #expect(page.contains("服务范围变更记录"))
            #expect(page.contains(today.iso))
        }
    }

    @Test(arguments: Engine.all)
    func pagesRenderForTheCountyAdministrator(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let admin = TestClient(app)
            try await admin.login("suichang")
            let own = try await demoStation(app)
            for path in ["/network", "/network/facilities", "/network/facilities?type=villageStation&township=331123102000", "/network/map",
                         "/network/reporting", "/network/services", "/network/import", "/network/records/import", "/network/facilities/new",
                         "/network/facilities/\(try own.requireID())", "/network/facilities/\(try own.requireID())/edit", "/network/records/template.xlsx"] {
                #expect(try await admin.get(path).status == .ok, "\(path)")
            }
            let map = try await admin.get("/network/map")
            #expect(map.body.string.contains("<svg"))
            #expect(map.body.string.contains("无坐标的站点"))
            // Photos: type and size are checked, files are stored by content hash.
            _ = try await admin.get("/network/facilities/\(try own.requireID())")
            let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 7, count: 64)
            let uploaded = try await admin.postMultipart("/network/facilities/\(try own.requireID())/photos", fields: ["caption": "门头"], file: ("photo", "a.png", png))
            #expect(uploaded.status == .seeOther)
            let photo = try #require(try await FacilityPhoto.query(on: app.db).first())
            #expect(photo.sha256 == PhotoStore.sha256(png))
            let served = try await admin.get("/network/facilities/\(try own.requireID())/photos/\(try photo.requireID())")
            #expect(served.status == .ok)
            #expect(served.headers.contentType?.description == "image/png")
            let notImage = try await admin.postMultipart("/network/facilities/\(try own.requireID())/photos", fields: [:], file: ("photo", "a.png", Data("<html>".utf8)))
            #expect(notImage.status == .seeOther)
            #expect(notImage.headers.first(name: .location)?.contains("flash.photoType") == true)
            #expect(try await FacilityPhoto.query(on: app.db).count() == 1)
            let unknown = try await admin.post("/network/facilities/\(try own.requireID())/operators", ["username": "songyang-nobody"])
            #expect(unknown.headers.first(name: .location)?.contains("flash.userUnknown") == true)
            let future = try await admin.post("/network/facilities/\(try own.requireID())/status", ["status": "closed", "effectiveOn": "2199-01-01"])
            #expect(future.headers.first(name: .location)?.contains("flash.futureDay") == true)
            #expect(try await admin.get(future.headers.first(name: .location) ?? "/").body.string.contains("日期不能晚于今天"))
            // A new service in the catalogue is offered on the form.
            _ = try await admin.get("/network/services")
            #expect(try await admin.post("/network/services", ["name": "农资代购"]).status == .seeOther)
            #expect(try await admin.get("/network/facilities/new").body.string.contains("农资代购"))
            // English pages use the catalogue too.
            _ = try await admin.get("/language/en?back=/network")
            #expect(try await admin.get("/network").body.string.contains("Village coverage by township"))
        }
    }
}

extension DivisionCode {
    static func unchecked(_ text: String) -> DivisionCode {
        do { return try DivisionCode(text) } catch { preconditionFailure("test constant \(text)") }
    }
}
